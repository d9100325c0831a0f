import { linked } from '../../core/loaders';
import { Employer } from '../employers/employer.entity';
import { Sector } from '../employers/sector.entity';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { AdvancementPath } from './advancement-path.entity';
import { Insight } from './insight.entity';

export const insightsOfRole = linked('insight_roles', 'role_id', 'insight_id', Insight, 'id');
export const insightsOfLevel = linked('insight_levels', 'level_id', 'insight_id', Insight, 'id');
export const rolesOfInsight = linked('insight_roles', 'insight_id', 'role_id', Role);
export const levelsOfInsight = linked(
  'insight_levels',
  'insight_id',
  'level_id',
  RoleLevel,
  'rank',
);
export const skillsOfInsight = linked('insight_skills', 'insight_id', 'skill_id', Skill);
export const advancementPathsOfRole = linked(
  'advancement_path_roles',
  'role_id',
  'advancement_path_id',
  AdvancementPath,
);
export const rolesOfAdvancementPath = linked(
  'advancement_path_roles',
  'advancement_path_id',
  'role_id',
  Role,
);
export const sectorsOfInternshipKind = linked(
  'internship_kind_sectors',
  'internship_kind_id',
  'sector_id',
  Sector,
);
export const employersOfInternshipKind = linked(
  'internship_kind_employers',
  'internship_kind_id',
  'employer_id',
  Employer,
);
