import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Source } from './source.entity';

/** The kinds of record that carry citations; the value is stored in `citations.subject_type`. */
export type CitedType =
  | 'Role'
  | 'RoleLevel'
  | 'CareerTransition'
  | 'Skill'
  | 'Organization'
  | 'Certification'
  | 'Credential'
  | 'Sector'
  | 'Employer'
  | 'SalaryBand'
  | 'JobOutlook'
  | 'Insight'
  | 'InternshipKind'
  | 'AdvancementPath'
  | 'SalaryFactor';

@ObjectType({ description: 'Where one fact comes from: the source, and the section of it that states the fact.' })
@Entity('citations')
@Index(['subjectType', 'subjectId'])
export class Citation {
  @PrimaryGeneratedColumn() id: number;

  @Column({ type: 'varchar', length: 40 }) subjectType: CitedType;

  @Column() subjectId: number;

  @Column() sourceId: number;

  @ManyToOne(() => Source, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_id' })
  sourceRecord?: Relation<Source>;

  @Field(() => String, { nullable: true, description: 'The heading of the source the fact sits under.' })
  @Column({ type: 'varchar', nullable: true })
  section: string | null;

  @Column({ default: 0 }) position: number;
}
