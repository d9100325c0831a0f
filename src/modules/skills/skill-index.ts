import { perGraphVersion } from '../../core/graph-snapshot';
import { RoleLevel } from '../roles/role-level.entity';
import { mergeRequirements } from './skill.loader';
import { Skill } from './skill.entity';
import { buildNameIndex } from './skill-matching';
import { SkillRequirement } from './skill-requirement.entity';

/** Every skill, by id and by every name it is known by. */
export interface SkillIndex {
  byId: Map<number, Skill>;
  names: Map<string, number>;
}

/** The skill index, built once per graph version. */
export const skillIndex = perGraphVersion<SkillIndex>(async (db) => {
  const skills = await db.getRepository(Skill).find();
  return { byId: new Map(skills.map((s) => [s.id, s])), names: buildNameIndex(skills) };
});

/** Every level with what it asks for (its own requirements, then its role's it does not override). */
export const levelRequirements = perGraphVersion<{ level: RoleLevel; asked: SkillRequirement[] }[]>(async (db) => {
  const [levels, requirements] = await Promise.all([db.getRepository(RoleLevel).find(), db.getRepository(SkillRequirement).find()]);
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
