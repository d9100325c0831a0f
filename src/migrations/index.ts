import { InitialGraph1764079200000 } from './1764079200000-initial-graph';
import { SearchIndex1764079260000 } from './1764079260000-search-index';
import { Curation1764090000000 } from './1764090000000-curation';
import { GraphState1764100000000 } from './1764100000000-graph-state';
import { DatabaseIdentity1764200000000 } from './1764200000000-database-identity';
import { RecordProvenance1764300000000 } from './1764300000000-record-provenance';
import { Occupations1764500000000 } from './1764500000000-occupations';
import { CertificationLifecycles1764500000001 } from './1764500000001-certification-lifecycles';

/** Migrations in the order they apply. */
export const MIGRATIONS: Function[] = [
  InitialGraph1764079200000,
  SearchIndex1764079260000,
  Curation1764090000000,
  GraphState1764100000000,
  DatabaseIdentity1764200000000,
  RecordProvenance1764300000000,
  Occupations1764500000000,
  CertificationLifecycles1764500000001,
];
