import { Context } from '../../core/context';
import { RoleLevel } from '../roles/role-level.entity';
import { mergeRequirements } from './skill.loader';
import { RoleMatch } from './role-match.type';
import { MATCH_WEIGHTS, weightedCoverage } from './role-match';
import { Skill } from './skill.entity';
import { matchSkills, satisfies } from './skill-matching';
import { SkillImportance, SkillRequirement } from './skill-requirement.entity';

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/**
 * Role levels ranked by how much of their required and recommended skills `have` covers
 * (weighted by importance), then by required coverage, then entry levels first, then name.
 * Levels that ask for no weighted skill are left out.
 */
export async function matchRoles(ctx: Context, have: string[], first: number): Promise<RoleMatch[]> {
  const [levels, requirements, skills] = await Promise.all([
    ctx.db.getRepository(RoleLevel).find(),
    ctx.db.getRepository(SkillRequirement).find(),
    ctx.db.getRepository(Skill).find(),
  ]);
  const { held } = matchSkills(have, skills);
  const skillsById = new Map(skills.map((s) => [s.id, s]));
  const roleWide = new Map<number, SkillRequirement[]>();
  const levelOwn = new Map<number, SkillRequirement[]>();
  for (const r of requirements) {
    const [map, key] = r.levelId == null ? [roleWide, r.roleId] : [levelOwn, r.levelId];
    map.set(key, [...(map.get(key) ?? []), r]);
  }
  const matches: RoleMatch[] = [];
  for (const level of levels) {
    const asked = mergeRequirements(levelOwn.get(level.id) ?? [], roleWide.get(level.roleId) ?? []).filter(
      (r) => MATCH_WEIGHTS[r.importance] > 0,
    );
    const isHeld = asked.map((r) => satisfies(r.skillId, held, skillsById));
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
