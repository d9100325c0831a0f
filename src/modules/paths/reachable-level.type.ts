import { Field, Int, ObjectType } from 'type-graphql';
import { YearRange } from '../../core/year-range';
import { RoleLevel } from '../roles/role-level.entity';
import { PayChange } from '../salaries/pay-change.type';
import { CareerPath } from './career-path.type';

@ObjectType({
  description: 'A role level reachable from a start within a time budget, by its quickest route.',
})
export class ReachableLevel {
  @Field(() => RoleLevel) level: RoleLevel;

  @Field(() => CareerPath, { description: 'The quickest route there.' }) path: CareerPath;

  @Field(() => YearRange, {
    nullable: true,
    description: "The route's typical years (see CareerPath.typicalYears).",
  })
  typicalYears: YearRange | null;

  @Field(() => Int, { description: 'Steps of the route that no source gives years for.' })
  stepsWithoutYears: number;

  @Field(() => PayChange, {
    nullable: true,
    description: 'Pay change from the start, when comparable bands are known.',
  })
  payChange: PayChange | null;
}
