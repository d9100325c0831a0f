import DataLoader from 'dataloader';
import { In, IsNull } from 'typeorm';
import { groupedBy, LoaderFactory } from '../../core/loaders';
import { IMPORTANCE_ORDER, SkillRequirement } from './skill-requirement.entity';
import { Skill } from './skill.entity';

const byImportance = (a: SkillRequirement, b: SkillRequirement) =>
  IMPORTANCE_ORDER[a.importance] - IMPORTANCE_ORDER[b.importance] || a.id - b.id;

function groupSorted(keys: readonly number[], rows: SkillRequirement[], keyOf: (r: SkillRequirement) => number) {
  const groups = new Map<number, SkillRequirement[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => (groups.get(k) ?? []).sort(byImportance));
}

/** Role-wide requirements (no level), most important first. */
export const roleRequirements: LoaderFactory<number, SkillRequirement[]> = (db) =>
  new DataLoader(async (roleIds) => {
    const rows = await db.getRepository(SkillRequirement).find({ where: { roleId: In([...roleIds]), levelId: IsNull() } });
    return groupSorted(roleIds, rows, (r) => r.roleId);
  });

/** Requirements written for one level only, most important first. */
export const levelOnlyRequirements: LoaderFactory<number, SkillRequirement[]> = (db) =>
  new DataLoader(async (levelIds) => {
    const rows = await db.getRepository(SkillRequirement).find({ where: { levelId: In([...levelIds]) } });
    return groupSorted(levelIds, rows, (r) => r.levelId as number);
  });

/** Every requirement naming a skill, for the roles that ask for it. */
export const requirementsOfSkill = groupedBy(SkillRequirement, 'skillId', { id: 'ASC' });

export const narrowerSkills = groupedBy(Skill, 'broaderId', { name: 'ASC' });

/** What a level asks for: its own requirements, then the role-wide ones it does not override. */
export function mergeRequirements(levelOwn: SkillRequirement[], roleWide: SkillRequirement[]): SkillRequirement[] {
  const own = new Set(levelOwn.map((r) => r.skillId));
  return [...levelOwn, ...roleWide.filter((r) => !own.has(r.skillId))].sort(byImportance);
}
