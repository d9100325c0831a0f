import { Field, Int, ObjectType } from 'type-graphql';
import { YearRange } from '../../core/year-range';
import { RoleLevel } from '../roles/role-level.entity';
import { Basis } from '../../core/basis';
import { CareerTransition } from './career-transition.entity';
import { CareerStep } from './career-step.type';
import { MaybePromise } from '../../core/maybe-promise';
import { Skill } from '../skills/skill.entity';

@ObjectType({ description: 'A route from one role level to another through cited transitions.' })
export class CareerPath {
  fromLevel: RoleLevel;
  toLevel: RoleLevel;

  @Field(() => Int, {
    description: '1 for the best route of an answer, rising for the alternatives.',
  })
  rank: number;

  @Field(() => [CareerTransition], {
    description:
      'The moves, in order: the transitions of the route. With includeDirections a route may also take career directions, which only `route` lists.',
  })
  steps: CareerTransition[];

  /** The skills to gain along the path, once worked out (see pathSkills). */
  skills?: MaybePromise<Skill[]>;

  /** Makes `route`, once, when it is first read. */
  routeOf: () => CareerStep[];
  private madeRoute?: CareerStep[];

  @Field(() => [CareerStep], {
    description:
      'Every step in order, each marked TRANSITION or DIRECTION; without includeDirections the same moves as `steps`.',
  })
  get route(): CareerStep[] {
    return (this.madeRoute ??= this.routeOf());
  }

  @Field(() => Int, {
    description:
      'How many steps are career directions (0 unless includeDirections is true). Their time is unknown: each also counts in stepsWithoutYears.',
  })
  directionSteps: number;

  @Field(() => Basis, {
    description:
      "STATED when every step is stated (a cited transition or a STATED direction), EDITORIAL when a step is a curator's direction. Sums over the steps (typicalYears, timeToReach) are DERIVED from them.",
  })
  basis: Basis;

  @Field(() => Basis, {
    description:
      "Always DERIVED: typicalYears and timeToReach are computed from the steps' stated years by the rules their descriptions give.",
  })
  yearsBasis: Basis;

  @Field(() => YearRange, {
    nullable: true,
    description:
      "Sum of the steps' typical years, min and max summed apart. max is null when a step has no known maximum; null when no step has a figure.",
  })
  typicalYears: YearRange | null;

  @Field(() => Int, {
    description: 'How many steps no source gives years for (their time is not in typicalYears).',
  })
  stepsWithoutYears: number;
}

@ObjectType({
  description: 'One stop of a career path: the level reached, the time so far and the pay there.',
})
export class CareerPathStop {
  /** The level the whole path starts from, for pay changes. */
  start: RoleLevel;

  /** The path this stop is on, for the time to reach it. */
  path: CareerPath;

  @Field(() => Int, { description: '1 for the first move.' }) position: number;

  @Field(() => CareerTransition) transition: CareerTransition;

  @Field(() => RoleLevel, { description: 'The level this move reaches.' }) level: RoleLevel;

  @Field(() => YearRange, {
    nullable: true,
    description: 'Typical years from the start of the path to this level (ranges summed apart).',
  })
  yearsSoFar: YearRange | null;
}
