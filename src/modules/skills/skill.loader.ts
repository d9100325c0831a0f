import { groupedBy, indexed, indexOf, LoaderFactory } from '../../core/loaders';
import { RoleLevel } from '../roles/role-level.entity';
import { IMPORTANCE_ORDER, SkillRequirement } from './skill-requirement.entity';
import { Skill } from './skill.entity';

const byImportance = (a: SkillRequirement, b: SkillRequirement) =>
  IMPORTANCE_ORDER[a.importance] - IMPORTANCE_ORDER[b.importance] || a.id - b.id;

const noRequirements = (): SkillRequirement[] => [];

/** Role-wide requirements (no level), most important first. */
export const roleRequirements: LoaderFactory<number, SkillRequirement[]> = indexed(
  'requirements:role-wide',
  [SkillRequirement],
  (t) =>
    t.grouped(
      'role-wide',
      SkillRequirement,
      'roleId',
      byImportance,
      (r) => r.levelId == null,
    ) as Promise<Map<number, SkillRequirement[]>>,
  noRequirements,
);

/** Requirements written for one level only, most important first. */
export const levelOnlyRequirements: LoaderFactory<number, SkillRequirement[]> = indexed(
  'requirements:level-only',
  [SkillRequirement],
  (t) =>
    t.grouped(
      'level-only',
      SkillRequirement,
      'levelId',
      byImportance,
      (r) => r.levelId != null,
    ) as Promise<Map<number, SkillRequirement[]>>,
  noRequirements,
);

/** What each level asks for (see mergeRequirements), by level id: merged once per graph version. */
export const requirementsOfLevel: LoaderFactory<number, SkillRequirement[]> = indexed(
  'requirements:of-level',
  [RoleLevel, SkillRequirement],
  async (t) => {
    const [levels, own, roleWide] = await Promise.all([
      t.rows(RoleLevel),
      indexOf(t, levelOnlyRequirements),
      indexOf(t, roleRequirements),
    ]);
    const merged = (level: RoleLevel) =>
      Object.freeze(mergeRequirements(own.get(level.id) ?? [], roleWide.get(level.roleId) ?? []));
    return new Map(levels.map((level) => [level.id, merged(level) as SkillRequirement[]]));
  },
  noRequirements,
);

/** Every requirement naming a skill, for the roles that ask for it. */
export const requirementsOfSkill = groupedBy(SkillRequirement, 'skillId');

export const narrowerSkills = groupedBy(Skill, 'broaderId', 'name');

/** What a level asks for: its own requirements, then the role-wide ones it does not override. */
export function mergeRequirements(
  levelOwn: SkillRequirement[],
  roleWide: SkillRequirement[],
): SkillRequirement[] {
  const own = new Set(levelOwn.map((r) => r.skillId));
  return [...levelOwn, ...roleWide.filter((r) => !own.has(r.skillId))].sort(byImportance);
}
