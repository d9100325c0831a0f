import { KINDS } from '../modules/curation/kinds';
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

/** The entities that are not registered kinds: rows that are not nodes, and the infrastructure's. */
const OTHER_ENTITIES = [
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

/**
 * Every entity a data source maps: the Relay nodes, the registry's kinds (read when a data source
 * is created, so a kind registered before then is mapped) and the rows that are not nodes.
 */
export const appEntities = (): Function[] => [
  ...new Set<Function>([
    ...Object.values(NODE_ENTITIES),
    ...KINDS.map((k) => k.entity),
    ...OTHER_ENTITIES,
  ]),
];
