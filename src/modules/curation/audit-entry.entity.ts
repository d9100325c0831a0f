import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One accepted write: who, when, what, and the record before and after. */
@ObjectType({ description: 'One accepted write to the graph.' })
@Entity('audit_log')
@Index(['subjectType', 'subjectKey'])
export class AuditEntry {
  @Field(() => ID) @PrimaryGeneratedColumn() id: number;

  @Field(() => GraphQLISODateTime)
  @Column({
    type: 'varchar',
    length: 30,
    transformer: { to: (d: Date) => d.toISOString(), from: (s: string) => new Date(s) },
  })
  at: Date;

  @Field({ description: 'Name of the API key that made the change.' })
  @Column({ type: 'varchar', length: 120 })
  actor: string;

  @Field({ description: 'Public prefix of that key.' })
  @Column({ type: 'varchar', length: 16 })
  actorKey: string;

  @Field({ description: 'The mutation, such as skillUpdate.' })
  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Field({ description: 'The type of record changed.' })
  @Column({ type: 'varchar', length: 40 })
  subjectType: string;

  @Field({ description: "The record's slug (or from>to for a transition)." })
  @Column({ type: 'varchar', length: 250 })
  subjectKey: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: 'simple-json', nullable: true })
  before: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  @Column({ type: 'simple-json', nullable: true })
  after: unknown;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId: string | null;
}
