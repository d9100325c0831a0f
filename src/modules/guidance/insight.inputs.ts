import { Field, InputType } from 'type-graphql';
import { InsightKind } from './insight.entity';

@InputType({ description: 'Narrows a list of insights.' })
export class InsightFilter {
  @Field(() => InsightKind, { nullable: true }) kind?: InsightKind | null;
  @Field(() => String, { nullable: true, description: 'A role slug.' }) role?: string | null;
  @Field(() => String, { nullable: true, description: 'A role level slug.' }) level?: string | null;
}
