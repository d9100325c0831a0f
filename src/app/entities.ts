import { NODE_ENTITIES } from '../modules/nodes/node-entities';
import { AuditEntry } from '../modules/curation/audit-entry.entity';
import { RecordProvenance } from '../modules/curation/record-provenance.entity';
import { CareerTransition } from '../modules/paths/career-transition.entity';
import { SkillRequirement } from '../modules/skills/skill-requirement.entity';
import { Citation } from '../modules/sources/citation.entity';
import { ApiKey } from '../core/auth/api-key.entity';
import { Occupation } from '../modules/occupations/occupation.entity';
import { RoleOccupation } from '../modules/occupations/role-occupation.entity';
import { WageStatistic } from '../modules/occupations/wage-statistic.entity';
import { CertificationLifecycle } from '../modules/certification-lifecycle/lifecycle.entity';
import { ChangeRecord } from '../modules/changes/change.entity';

/** Every entity the data source maps: the Relay nodes, and the rows that are not nodes. */
export const ENTITIES = [
  ...Object.values(NODE_ENTITIES),
  Citation,
  SkillRequirement,
  CareerTransition,
  ApiKey,
  AuditEntry,
  RecordProvenance,
  Occupation,
  RoleOccupation,
  WageStatistic,
  CertificationLifecycle,
  ChangeRecord,
];
