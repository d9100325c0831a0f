import { Context } from '../../core/context';
import { byId, bySlug } from '../../core/loaders';
import { both, MaybePromise, then } from '../../core/maybe-promise';
import { compositeGlobalId } from '../../core/relay';
import { CareerTransition } from '../paths/career-transition.entity';
import { transitionsFrom } from '../paths/transition.loader';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { SkillRequirement } from '../skills/skill-requirement.entity';
import { levelOnlyRequirements, roleRequirements } from '../skills/skill.loader';
import { Skill } from '../skills/skill.entity';

/*
 * Records without a slug of their own are keyed the way their mutations key them: a move by its
 * two levels, a requirement by its role, its level when it has one, and its skill. Those slugs
 * never change, so the ids are as stable as the other nodes'.
 */

const slugOf = (record: { slug: string } | null) => record?.slug ?? 'missing';

/** `CareerTransition:<from level>/<to level>`. */
export function transitionGlobalId(ctx: Context, t: CareerTransition): MaybePromise<string> {
  return both(
    ctx.loaders.load(byId(RoleLevel), t.fromLevelId),
    ctx.loaders.load(byId(RoleLevel), t.toLevelId),
    (from, to) => compositeGlobalId('CareerTransition', slugOf(from), slugOf(to)),
  );
}

/** `SkillRequirement:<role>/<skill>` for a role-wide one, `<role>/<level>/<skill>` for a level's own. */
export function requirementGlobalId(ctx: Context, r: SkillRequirement): MaybePromise<string> {
  const role = ctx.loaders.load(byId(Role), r.roleId);
  const skill = ctx.loaders.load(byId(Skill), r.skillId);
  const roleAndSkill = both(role, skill, (a, b) => [slugOf(a), slugOf(b)]);
  if (r.levelId == null)
    return then(roleAndSkill, ([a, b]) => compositeGlobalId('SkillRequirement', a, b));
  return both(roleAndSkill, ctx.loaders.load(byId(RoleLevel), r.levelId), ([a, b], level) =>
    compositeGlobalId('SkillRequirement', a, slugOf(level), b),
  );
}

/** The record a composite id names, or null (an unknown type, a malformed key, or gone). */
export async function loadComposite(
  ctx: Context,
  type: string,
  key: string,
): Promise<CareerTransition | SkillRequirement | null> {
  const parts = key.split('/');
  const level = (slug: string) => ctx.loaders.use(bySlug(RoleLevel)).load(slug);
  if (type === 'CareerTransition' && parts.length === 2) {
    const [from, to] = await Promise.all(parts.map(level));
    if (!from || !to) return null;
    const moves = await ctx.loaders.use(transitionsFrom).load(from.id);
    return moves.find((m) => m.toLevelId === to.id) ?? null;
  }
  if (type === 'SkillRequirement' && (parts.length === 2 || parts.length === 3)) {
    const [role, skill, levelRecord] = await Promise.all([
      ctx.loaders.use(bySlug(Role)).load(parts[0]),
      ctx.loaders.use(bySlug(Skill)).load(parts[parts.length - 1]),
      parts.length === 3 ? level(parts[1]) : null,
    ]);
    if (!role || !skill || (parts.length === 3 && levelRecord?.roleId !== role.id)) return null;
    const list = levelRecord
      ? await ctx.loaders.use(levelOnlyRequirements).load(levelRecord.id)
      : await ctx.loaders.use(roleRequirements).load(role.id);
    return list.find((r) => r.skillId === skill.id) ?? null;
  }
  return null;
}
