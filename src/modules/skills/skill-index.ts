import { Context } from '../../core/context';
import { indexOf } from '../../core/loaders';
import { RoleLevel } from '../roles/role-level.entity';
import { requirementsOfLevel } from './skill.loader';
import { Skill } from './skill.entity';
import { broaderChains, buildNameIndex } from './skill-matching';
import { MaybePromise } from '../../core/maybe-promise';
import { SkillRequirement } from './skill-requirement.entity';

/** Every skill, by id and by every name it is known by. */
export interface SkillIndex {
  byId: ReadonlyMap<number, Skill>;
  names: Map<string, number>;
  /** Each skill's broader skills, nearest first (see `broaderChains`); none for most. */
  broader: ReadonlyMap<number, readonly number[]>;
}

type Scope = Pick<Context, 'loaders'>;

/** The skill index, built once per graph version. */
export function skillIndex(ctx: Scope): MaybePromise<SkillIndex> {
  return ctx.loaders.derive('skill-index', [Skill], async (tables) => {
    const [byId, skills] = await Promise.all([
      tables.unique<Skill, number>(Skill, 'id'),
      tables.rows(Skill),
    ]);
    return { byId, names: buildNameIndex(skills), broader: broaderChains(byId) };
  });
}

/** Every level with what it asks for (its own requirements, then its role's it does not override). */
export async function levelRequirements(
  ctx: Scope,
): Promise<{ level: RoleLevel; asked: SkillRequirement[] }[]> {
  const tables = await ctx.loaders.tables();
  return tables.derive('level-requirements', [RoleLevel, SkillRequirement], async () => {
    const [levels, asked] = await Promise.all([
      tables.rows(RoleLevel),
      indexOf(tables, requirementsOfLevel),
    ]);
    return levels.map((level) => ({ level, asked: asked.get(level.id) ?? [] }));
  });
}
