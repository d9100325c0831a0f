import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'Narrows a list of salary bands.' })
export class SalaryBandFilter {
  @Field(() => String, { nullable: true, description: 'A role slug.' }) role?: string | null;
  @Field(() => String, { nullable: true, description: 'A role level slug.' }) level?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => String, { nullable: true, description: 'An ISO 4217 currency code.' }) currency?:
    string | null;
}
