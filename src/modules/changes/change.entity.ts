import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What happened to a record at one graph version. */
export enum ChangeType {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}

/**
 * One row of the public change feed: a record (by kind and natural key) created, updated or
 * deleted at a graph version. Written in the transaction that made the change, after the write
 * lock (lockGraphForWrite), so the ids rise in commit order on both engines. Holds no editor
 * identity: who wrote is in the audit log, which only an admin reads.
 */
@Entity('change_feed')
@Index(['graphVersion'])
export class ChangeRecord {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'integer' }) graphVersion: number;

  /** The GraphQL type name, such as Role or CareerTransition. */
  @Column({ type: 'varchar', length: 40 }) kind: string;

  /** The record's natural key: its slug, or from>to for a transition. */
  @Column({ type: 'varchar', length: 250 }) recordKey: string;

  @Column({ type: 'varchar', length: 10 }) change: ChangeType;

  @Column({
    type: 'varchar',
    length: 30,
    transformer: { to: (d: Date) => d.toISOString(), from: (s: string) => new Date(s) },
  })
  at: Date;
}
