import { Context } from '../../core/context';
import { RoleLevel } from '../roles/role-level.entity';
import { mergeRequirements } from './skill.loader';
import { Skill } from './skill.entity';
import { buildNameIndex } from './skill-matching';
import { SkillRequirement } from './skill-requirement.entity';

/** Every skill, by id and by every name it is known by. */
export interface SkillIndex {
  byId: ReadonlyMap<number, Skill>;
  names: Map<string, number>;
}

type Scope = Pick<Context, 'loaders'>;

/** The skill index, built once per graph version. */
export async function skillIndex(ctx: Scope): Promise<SkillIndex> {
  const tables = await ctx.loaders.tables();
  return tables.derive('skill-index', async () => {
    const [byId, skills] = await Promise.all([tables.unique<Skill, number>(Skill, 'id'), tables.rows(Skill)]);
    return { byId, names: buildNameIndex([...skills]) };
  });
}

/** Every level with what it asks for (its own requirements, then its role's it does not override); built once per graph version. */
export async function levelRequirements(ctx: Scope): Promise<{ level: RoleLevel; asked: SkillRequirement[] }[]> {
  const tables = await ctx.loaders.tables();
  return tables.derive('level-requirements', async () => {
    const [levels, requirements] = await Promise.all([tables.rows(RoleLevel), tables.rows(SkillRequirement)]);
    const roleWide = new Map<number, SkillRequirement[]>();
    const levelOwn = new Map<number, SkillRequirement[]>();
    for (const r of requirements) {
      const [map, key] = r.levelId == null ? [roleWide, r.roleId] : [levelOwn, r.levelId];
      const list = map.get(key);
      if (list) list.push(r);
      else map.set(key, [r]);
    }
    return levels.map((level) => ({ level, asked: mergeRequirements(levelOwn.get(level.id) ?? [], roleWide.get(level.roleId) ?? []) }));
  });
}
