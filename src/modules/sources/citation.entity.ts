import { Field, Int, ObjectType } from 'type-graphql';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Source } from './source.entity';

/** The kinds of record that carry citations; the value is stored in `citations.subject_type`. */
export const CITED_TYPES = [
  'Role',
  'RoleLevel',
  'CareerTransition',
  'Skill',
  'Organization',
  'Certification',
  'Credential',
  'Sector',
  'Employer',
  'SalaryBand',
  'JobOutlook',
  'Insight',
  'InternshipKind',
  'AdvancementPath',
  'SalaryFactor',
  'CareerDirection',
] as const;
export type CitedType = (typeof CITED_TYPES)[number];

@ObjectType({
  description: 'Where one fact comes from: the source, and the section of it that states the fact.',
})
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

  @Field(() => String, {
    nullable: true,
    description: 'The heading of the source the fact sits under.',
  })
  @Column({ type: 'varchar', nullable: true })
  section: string | null;

  @Column({ default: 0 }) position: number;

  /** The anchor (docs/citations.md): code-point offsets into the source text and the SHA-256 of the normalised span; null when not anchored. */
  @Column({ type: 'integer', nullable: true }) spanStart: number | null;

  @Column({ type: 'integer', nullable: true }) spanEnd: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true }) spanSha256: string | null;
}

@ObjectType({
  description:
    'Where in the source the cited words are, without the words: offsets in Unicode code points (from 0, end exclusive) into the ' +
    'source document as stored, and the SHA-256 of the span after normalisation (NFC, each run of white space as one space, trimmed). ' +
    'Anyone holding the document can check that the span exists, hashes to the same value and lies in the cited section.',
})
export class TextSpan {
  @Field(() => Int, { description: 'First code point of the span.' }) start: number;
  @Field(() => Int, { description: 'Code point just after the span.' }) end: number;
  @Field({ description: 'SHA-256 (hex) of the normalised span text.' }) sha256: string;
}
