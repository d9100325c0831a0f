import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { BoundQualifier, YearQuantity } from '../../core/quantity';
import { RoleLevel } from '../roles/role-level.entity';
import { CareerTransition } from './career-transition.entity';
import { sumYears } from './route-search';

/**
 * How long a path takes once both kinds of statement are combined (docs/quantities.md,
 * "Experience requirements"). The sum of the steps' typical years is one statement. A level's
 * entry requirement ("more than five years of experience") is another. Counted from an entry
 * level, reaching a level takes at least its requirement, whatever the steps sum to. The larger
 * lower bound wins, and the answer names the statement it came from.
 */
export enum PathTimeBound {
  STEP_SUM = 'STEP_SUM',
  ENTRY_REQUIREMENT = 'ENTRY_REQUIREMENT',
}
registerEnumType(PathTimeBound, {
  name: 'PathTimeBound',
  description: 'Which statement gave the lower bound of the time a path takes.',
  valuesConfig: {
    STEP_SUM: { description: "The sum of the steps' typical years." },
    ENTRY_REQUIREMENT: {
      description:
        'The experience a level on the path asks for (its yearsOfExperience), counted from an entry level.',
    },
  },
});

@ObjectType({
  description:
    "The time a path takes, combining the steps' typical years with the experience the levels on it ask for (a DERIVED figure): " +
    'counted from an entry level, reaching a level takes at least its entry requirement.',
})
export class PathTime {
  @Field(() => YearQuantity, {
    description: 'The combined figure, such as "more than 5 to about 6 years".',
  })
  years: YearQuantity;

  @Field(() => YearQuantity, {
    nullable: true,
    description:
      "The steps' typical years summed, as typicalYears gives them, with qualifiers; null when no step has a figure.",
  })
  stepSum: YearQuantity | null;

  @Field(() => PathTimeBound, { description: 'Which statement set the lower bound.' })
  boundBy: PathTimeBound;

  /** The level whose entry requirement bound the time, when one did (its citations name the statement). */
  requirementLevel: RoleLevel | null;

  @Field({
    description: 'One sentence saying how the figure was reached, naming the binding statement.',
  })
  explanation: string;
}

const loose = (qualifiers: (BoundQualifier | null)[]) =>
  qualifiers.every((q) => q == null || q === BoundQualifier.EXACT)
    ? BoundQualifier.EXACT
    : BoundQualifier.ABOUT;

const sumOf = (steps: CareerTransition[]): YearQuantity | null => {
  const sum = sumYears(
    steps.map((t) => ({
      id: t.id,
      from: t.fromLevelId,
      to: t.toLevelId,
      minYears: t.typicalYearsMin,
      maxYears: t.typicalYearsMax,
    })),
  );
  if (sum.minYears == null && sum.maxYears == null) return null;
  // with a step of unknown length the sum of the minimums is only a floor
  const minQualifier =
    sum.maxYears == null
      ? BoundQualifier.AT_LEAST
      : loose(steps.map((t) => t.typicalYearsMinQualifier));
  return YearQuantity.of(
    sum.minYears,
    minQualifier,
    sum.maxYears,
    loose(steps.map((t) => t.typicalYearsMaxQualifier)),
  );
};

/** Whether a requirement's lower bound is above a sum's: a larger number, or the same one held strictly. */
const above = (req: YearQuantity, sum: YearQuantity | null) =>
  sum?.min == null ||
  (req.min as number) > sum.min ||
  (req.min === sum.min &&
    req.minQualifier === BoundQualifier.MORE_THAN &&
    sum.minQualifier !== BoundQualifier.MORE_THAN);

/**
 * The time to walk `steps` from `start` to each level reached, combined with the levels' entry
 * requirements. Requirements count total experience, so they bound the time only from an entry
 * level (rank 1); from anywhere else the steps' sum stands alone.
 */
export function pathTime(
  start: RoleLevel,
  steps: CareerTransition[],
  reached: RoleLevel[],
): PathTime | null {
  const stepSum = sumOf(steps);
  let binding: { level: RoleLevel; req: YearQuantity } | null = null;
  if (start.rank === 1) {
    for (const level of reached) {
      const req = level.yearsOfExperienceQuantity;
      if (!req || req.min == null) continue;
      if (!binding || (req.min as number) > (binding.req.min as number)) binding = { level, req };
    }
  }
  const time = new PathTime();
  time.stepSum = stepSum;
  if (binding && above(binding.req, stepSum)) {
    const min = binding.req.min as number;
    // the sum's ceiling survives only when it lies above the requirement
    const max = stepSum?.max != null && stepSum.max > min ? stepSum.max : null;
    time.years = YearQuantity.of(
      min,
      binding.req.minQualifier,
      max,
      max == null ? null : stepSum!.maxQualifier,
    ) as YearQuantity;
    time.boundBy = PathTimeBound.ENTRY_REQUIREMENT;
    time.requirementLevel = binding.level;
    time.explanation =
      `${binding.level.name} asks for ${binding.req.text} of experience, so reaching it takes ${time.years.text}` +
      (stepSum
        ? `, although the steps alone sum to ${stepSum.text}.`
        : '; the steps give no figure.');
    return time;
  }
  if (!stepSum) return null;
  time.years = stepSum;
  time.boundBy = PathTimeBound.STEP_SUM;
  time.requirementLevel = null;
  time.explanation = `The steps sum to ${stepSum.text}${binding ? `; ${binding.level.name} asks for ${binding.req.text} of experience, which that already covers` : ''}.`;
  return time;
}
