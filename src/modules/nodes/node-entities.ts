import { Source } from '../sources/source.entity';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { Organization } from '../certifications/organization.entity';
import { Certification } from '../certifications/certification.entity';
import { Credential } from '../credentials/credential.entity';
import { Sector } from '../employers/sector.entity';
import { Employer } from '../employers/employer.entity';
import { SalaryBand } from '../salaries/salary-band.entity';
import { SalaryFactor } from '../salaries/salary-factor.entity';
import { JobOutlook } from '../salaries/job-outlook.entity';
import { Insight } from '../guidance/insight.entity';
import { InternshipKind } from '../guidance/internship-kind.entity';
import { AdvancementPath } from '../guidance/advancement-path.entity';
import { CareerDirection } from '../directions/career-direction.entity';

/** The entities that are Relay nodes, by GraphQL type name. */
export const NODE_ENTITIES = {
  Source,
  Role,
  RoleLevel,
  Skill,
  Organization,
  Certification,
  Credential,
  Sector,
  Employer,
  SalaryBand,
  SalaryFactor,
  JobOutlook,
  Insight,
  InternshipKind,
  AdvancementPath,
  CareerDirection,
} as const;

export type NodeTypeName = keyof typeof NODE_ENTITIES;
