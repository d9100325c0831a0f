import { InitialGraph1764079200000 } from './1764079200000-initial-graph';
import { SearchIndex1764079260000 } from './1764079260000-search-index';
import { Curation1764090000000 } from './1764090000000-curation';
import { GraphState1764100000000 } from './1764100000000-graph-state';
import { DatabaseIdentity1764200000000 } from './1764200000000-database-identity';
import { RecordProvenance1764300000000 } from './1764300000000-record-provenance';
import { CitationSpans1764400000000 } from './1764400000000-citation-spans';
import { QuantityQualifiers1764400000001 } from './1764400000001-quantity-qualifiers';
import { InternshipsUnknown1764400000002 } from './1764400000002-internships-unknown';
import { GradeBasis1764400000003 } from './1764400000003-grade-basis';
import { RequirementGroups1764400000004 } from './1764400000004-requirement-groups';
import { RelatedTerms1764400000005 } from './1764400000005-related-terms';
import { Occupations1764500000000 } from './1764500000000-occupations';
import { CertificationLifecycles1764500000001 } from './1764500000001-certification-lifecycles';
import { ChangeFeed1764600000000 } from './1764600000000-change-feed';
import { CareerDirections1764700000000 } from './1764700000000-career-directions';
import { DropSearchDocuments1764700000001 } from './1764700000001-drop-search-documents';
import { FieldProvenance1764700000100 } from './1764700000100-field-provenance';
import { TransitionStartBasis1764800000000 } from './1764800000000-transition-start-basis';

/** Migrations in the order they apply. */
export const MIGRATIONS: Function[] = [
  InitialGraph1764079200000,
  SearchIndex1764079260000,
  Curation1764090000000,
  GraphState1764100000000,
  DatabaseIdentity1764200000000,
  RecordProvenance1764300000000,
  CitationSpans1764400000000,
  QuantityQualifiers1764400000001,
  InternshipsUnknown1764400000002,
  GradeBasis1764400000003,
  RequirementGroups1764400000004,
  RelatedTerms1764400000005,
  Occupations1764500000000,
  CertificationLifecycles1764500000001,
  ChangeFeed1764600000000,
  CareerDirections1764700000000,
  DropSearchDocuments1764700000001,
  FieldProvenance1764700000100,
  TransitionStartBasis1764800000000,
];
