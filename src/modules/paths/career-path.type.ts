import { Field, Int, ObjectType } from 'type-graphql';
import { YearRange } from '../../core/year-range';
import { RoleLevel } from '../roles/role-level.entity';
import { CareerTransition } from './career-transition.entity';

@ObjectType({ description: 'A route from one role level to another through cited transitions.' })
export class CareerPath {
  fromLevel: RoleLevel;
  toLevel: RoleLevel;

  @Field(() => [CareerTransition], { description: 'The moves, in order.' })
  steps: CareerTransition[];

  @Field(() => YearRange, {
    nullable: true,
    description:
      "Sum of the steps' typical years, min and max summed apart. max is null when a step has no known maximum; null when no step has a figure.",
  })
  typicalYears: YearRange | null;

  @Field(() => Int, { description: 'How many steps no source gives years for (their time is not in typicalYears).' })
  stepsWithoutYears: number;
}
