import { linked } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { Certification } from './certification.entity';

export const certificationsOfRole = linked(
  'certification_roles',
  'role_id',
  'certification_id',
  Certification,
);
export const certificationsOfLevel = linked(
  'certification_levels',
  'level_id',
  'certification_id',
  Certification,
);
export const certificationsOfSkill = linked(
  'certification_skills',
  'skill_id',
  'certification_id',
  Certification,
);
export const skillsOfCertification = linked(
  'certification_skills',
  'certification_id',
  'skill_id',
  Skill,
);
export const rolesOfCertification = linked(
  'certification_roles',
  'certification_id',
  'role_id',
  Role,
);
export const levelsOfCertification = linked(
  'certification_levels',
  'certification_id',
  'level_id',
  RoleLevel,
  'rank',
);
