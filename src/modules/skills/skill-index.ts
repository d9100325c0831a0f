import { Context } from '../../core/context';
import { indexOf } from '../../core/loaders';
import { RoleLevel } from '../roles/role-level.entity';
import { requirementsOfLevel } from './skill.loader';
import { Skill } from './skill.entity';
import { broaderChains, buildNameIndex, sameNames } from './skill-matching';
import { sinceLast } from '../../core/row-patch';
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

/** The index made from each list of skill rows, so the next version's can start from it. */
const made = new WeakMap<readonly Skill[], SkillIndex>();

/**
 * Whether a patch changed only what the names (or the broader skills) do not hold: each skill it
 * took out put back under the same id with the same names (broader skill), as a description
 * written does.
 */
function unchangedBy(
  change: { removed: readonly Skill[]; added: readonly Skill[] },
  same: (a: Skill, b: Skill) => boolean,
): boolean {
  if (change.removed.length !== change.added.length) return false;
  const before = new Map(change.removed.map((s) => [s.id, s]));
  return change.added.every((s) => {
    const old = before.get(s.id);
    return old !== undefined && same(old, s);
  });
}

/** The skill index, built once per graph version (from the previous one's, when a write left its names). */
export function skillIndex(ctx: Scope): MaybePromise<SkillIndex> {
  return ctx.loaders.derive('skill-index', [Skill], async (tables) => {
    const [byId, skills] = await Promise.all([
      tables.unique<Skill, number>(Skill, 'id'),
      tables.rows(Skill),
    ]);
    const last = sinceLast(skills, made);
    const index: SkillIndex = {
      byId,
      names:
        last && unchangedBy(last.change, sameNames) ? last.previous.names : buildNameIndex(skills),
      broader:
        last && unchangedBy(last.change, (a, b) => a.broaderId === b.broaderId)
          ? last.previous.broader
          : broaderChains(byId),
    };
    made.set(skills, index);
    return index;
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
