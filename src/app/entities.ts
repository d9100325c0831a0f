import { AuditEntry } from '../modules/curation/audit-entry.entity';
import { RecordProvenance } from '../modules/curation/record-provenance.entity';
import { AdvancementPath } from '../modules/guidance/advancement-path.entity';
import { CareerDirection } from '../modules/directions/career-direction.entity';
import { Insight } from '../modules/guidance/insight.entity';
import { InternshipKind } from '../modules/guidance/internship-kind.entity';
import { Certification } from '../modules/certifications/certification.entity';
import { Organization } from '../modules/certifications/organization.entity';
import { Credential } from '../modules/credentials/credential.entity';
import { Employer } from '../modules/employers/employer.entity';
import { Sector } from '../modules/employers/sector.entity';
import { CareerTransition } from '../modules/paths/career-transition.entity';
import { Role } from '../modules/roles/role.entity';
import { RoleLevel } from '../modules/roles/role-level.entity';
import { JobOutlook } from '../modules/salaries/job-outlook.entity';
import { SalaryBand } from '../modules/salaries/salary-band.entity';
import { SalaryFactor } from '../modules/salaries/salary-factor.entity';
import { SkillRequirement } from '../modules/skills/skill-requirement.entity';
import { Skill } from '../modules/skills/skill.entity';
import { Citation } from '../modules/sources/citation.entity';
import { Source } from '../modules/sources/source.entity';
import { ApiKey } from '../core/auth/api-key.entity';
import { Occupation } from '../modules/occupations/occupation.entity';
import { RoleOccupation } from '../modules/occupations/role-occupation.entity';
import { WageStatistic } from '../modules/occupations/wage-statistic.entity';
import { CertificationLifecycle } from '../modules/certification-lifecycle/lifecycle.entity';
import { ChangeRecord } from '../modules/changes/change.entity';

/** Every entity the data source maps. */
export const ENTITIES = [
  Source,
  Citation,
  Role,
  RoleLevel,
  Skill,
  SkillRequirement,
  CareerTransition,
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
  ApiKey,
  AuditEntry,
  RecordProvenance,
  Occupation,
  RoleOccupation,
  WageStatistic,
  CertificationLifecycle,
  ChangeRecord,
];
