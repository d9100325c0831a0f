import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who wrote a record last: a seed file (`origin` seed) or the curation API (`origin` api). */
export type ProvenanceOrigin = 'seed' | 'api';

/**
 * One row per seedable record, keyed by its kind and natural key (slug, or from>to for a
 * transition), kept apart from the record so that it outlives an API delete: the seed loader
 * reads it to merge files with editors' work (docs/data-format.md, "Seeds and the API").
 */
@Entity('record_provenance')
export class RecordProvenance {
  /** The GraphQL type name, such as Skill or CareerTransition. */
  @PrimaryColumn({ type: 'varchar', length: 40 }) kind: string;

  @PrimaryColumn({ type: 'varchar', length: 250 }) recordKey: string;

  @Column({ type: 'varchar', length: 10 }) origin: ProvenanceOrigin;

  /** Hash of the file content last applied: the base a later file is compared with. */
  @Column({ type: 'varchar', length: 64, nullable: true }) seedHash: string | null;

  /** The seed file (relative to the seed directory) that content came from. */
  @Column({ type: 'varchar', length: 500, nullable: true }) seedFile: string | null;

  /** The audit entry of the API write that made the record what it is, when origin is api. */
  @Column({ type: 'integer', nullable: true }) auditId: number | null;

  /** Whether the API deleted the record (an unchanged file does not bring it back). */
  @Column({ type: 'boolean', default: false }) deleted: boolean;
}
