import { Context } from '../../core/context';
import { RoleMatch } from './role-match.type';
import { MATCH_WEIGHTS, weightedCoverage } from './role-match';
import { levelRequirements, skillIndex } from './skill-index';
import { matchSkills, satisfies } from './skill-matching';
import { SkillImportance, SkillRequirement } from './skill-requirement.entity';
import { requirementUnits, splitUnits } from './requirement-groups';

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Role levels ranked by how much of their required and recommended skills `have` covers
 * (weighted by importance), then by required coverage, then entry levels first, then name.
 * Levels that ask for no weighted skill are left out.
 */
export async function matchRoles(ctx: Context, have: string[], first: number): Promise<RoleMatch[]> {
  const [levels, skills] = await Promise.all([levelRequirements(ctx), skillIndex(ctx)]);
  const { held } = matchSkills(have, skills.names);
  const matches: RoleMatch[] = [];
  for (const { level, asked: all } of levels) {
    const asked = all.filter((r) => MATCH_WEIGHTS[r.importance] > 0);
    const isHeld = (r: SkillRequirement) => satisfies(r.skillId, held, skills.byId);
    // a group of alternatives weighs once and is met by any one member
    const units = requirementUnits(asked, isHeld);
    const score = weightedCoverage(units, (i) => units[i].held);
    if (score == null) continue;
    const required = units.filter((u) => u.importance === SkillImportance.REQUIRED);
    const requiredHeld = required.filter((u) => u.held).length;
    matches.push(
      Object.assign(new RoleMatch(), {
        level,
        score: round(score),
        requiredCoverage: required.length ? round(requiredHeld / required.length) : 1,
        exact: {
          weightHeld: units.reduce((sum, u) => sum + (u.held ? MATCH_WEIGHTS[u.importance] : 0), 0),
          weightTotal: units.reduce((sum, u) => sum + MATCH_WEIGHTS[u.importance], 0),
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
