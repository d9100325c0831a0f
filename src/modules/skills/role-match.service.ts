import { Context } from '../../core/context';
import { RoleMatch } from './role-match.type';
import { MATCH_WEIGHTS, weightedCoverage } from './role-match';
import { levelRequirements, skillIndex } from './skill-index';
import { matchSkills, skillsCovered } from './skill-matching';
import { SkillImportance, SkillRequirement } from './skill-requirement.entity';
import { requirementUnits, splitUnits } from './requirement-groups';
import { Basis } from '../../core/basis';
import { gradeAccepted } from './skill-gap.service';

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Role levels ranked by how much of their required and recommended skills `have` covers
 * (weighted by importance), then by required coverage, then entry levels first, then name.
 * Levels that ask for no weighted skill are left out.
 */
export async function matchRoles(
  ctx: Context,
  have: string[],
  first: number,
  basis: Basis | null = null,
): Promise<RoleMatch[]> {
  const [levels, skills] = await Promise.all([levelRequirements(ctx), skillIndex(ctx)]);
  const { held } = matchSkills(have, skills.names);
  const covered = skillsCovered(held, skills.broader);
  const isHeld = (r: SkillRequirement) => covered.has(r.skillId);
  const matches: RoleMatch[] = [];
  for (const { level, asked: listed } of levels) {
    // grades the caller accepts (all, unless basis asks for firmer ones); the weights rest on them
    const accepted = listed.filter((r) => gradeAccepted(r.importanceBasis, basis));
    const graded = accepted.length > 0;
    // with no accepted grade, every listed skill (a group once) counts the same: nothing editorial weighs
    const asked = graded ? accepted.filter((r) => MATCH_WEIGHTS[r.importance] > 0) : listed;
    // a group of alternatives weighs once and is met by any one member
    const units = requirementUnits(asked, isHeld);
    const score = graded
      ? weightedCoverage(units, (i) => units[i].held)
      : units.length
        ? units.filter((u) => u.held).length / units.length
        : null;
    if (score == null) continue;
    const required = graded
      ? units.filter((u) => u.importance === SkillImportance.REQUIRED)
      : units;
    const requiredHeld = required.filter((u) => u.held).length;
    const weight = (u: (typeof units)[number]) => (graded ? MATCH_WEIGHTS[u.importance] : 1);
    matches.push(
      Object.assign(new RoleMatch(), {
        level,
        score: round(score),
        requiredCoverage: required.length ? round(requiredHeld / required.length) : 1,
        editorialWeights:
          graded && units.some((u) => u.members.some((r) => r.importanceBasis === Basis.EDITORIAL)),
        exact: {
          weightHeld: units.reduce((sum, u) => sum + (u.held ? weight(u) : 0), 0),
          weightTotal: units.reduce((sum, u) => sum + weight(u), 0),
          requiredHeld,
          requiredTotal: required.length,
        },
        ...splitUnits(units, isHeld),
      }),
    );
  }
  matches.sort(
    (a, b) =>
      b.score - a.score ||
      b.requiredCoverage - a.requiredCoverage ||
      a.level.rank - b.level.rank ||
      a.level.name.localeCompare(b.level.name),
  );
  return matches.slice(0, first);
}
