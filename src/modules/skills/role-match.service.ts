import { Context } from '../../core/context';
import { RoleMatch } from './role-match.type';
import { MATCH_WEIGHTS, weightedCoverage } from './role-match';
import { levelRequirements, skillIndex } from './skill-index';
import { matchSkills, satisfies } from './skill-matching';
import { SkillImportance } from './skill-requirement.entity';

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
    const isHeld = asked.map((r) => satisfies(r.skillId, held, skills.byId));
    const score = weightedCoverage(asked, (i) => isHeld[i]);
    if (score == null) continue;
    const required = asked.filter((r) => r.importance === SkillImportance.REQUIRED);
    const requiredHeld = asked.filter((r, i) => r.importance === SkillImportance.REQUIRED && isHeld[i]).length;
    matches.push(
      Object.assign(new RoleMatch(), {
        level,
        score: round(score),
        requiredCoverage: required.length ? round(requiredHeld / required.length) : 1,
        matched: asked.filter((_, i) => isHeld[i]),
        missing: asked.filter((_, i) => !isHeld[i]),
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
