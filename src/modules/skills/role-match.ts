import { SkillImportance } from './skill-requirement.entity';

/** How much each importance counts towards a match; OPTIONAL skills do not count. */
export const MATCH_WEIGHTS: Record<SkillImportance, number> = {
  REQUIRED: 3,
  RECOMMENDED: 1,
  OPTIONAL: 0,
};

/** Weighted coverage of the requirements, from 0 to 1; null when nothing weighs (nothing to match). */
export function weightedCoverage(
  requirements: { importance: SkillImportance }[],
  isHeld: (i: number) => boolean,
): number | null {
  let total = 0;
  let held = 0;
  requirements.forEach((r, i) => {
    total += MATCH_WEIGHTS[r.importance];
    if (isHeld(i)) held += MATCH_WEIGHTS[r.importance];
  });
  return total === 0 ? null : held / total;
}
