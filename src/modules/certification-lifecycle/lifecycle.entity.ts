import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Certification } from '../certifications/certification.entity';

/** Where a certification stands with its issuer. */
export enum CertificationStatus {
  ACTIVE = 'ACTIVE',
  RETIRING = 'RETIRING',
  RETIRED = 'RETIRED',
}
registerEnumType(CertificationStatus, {
  name: 'CertificationStatus',
  description: 'Whether a certification can still be earned.',
  valuesConfig: {
    ACTIVE: { description: 'Can be earned.' },
    RETIRING: { description: 'Can be earned until statusDate, no longer after it.' },
    RETIRED: { description: 'Can no longer be earned; see successor.' },
  },
});

@ObjectType({ description: 'A page a lifecycle fact was read from, and what it supports.' })
export class LifecycleCitation {
  @Field({ description: 'The page.' }) url: string;
  @Field({ description: 'The date it was read (ISO 8601).' }) readOn: string;
  @Field({ description: 'Which facts the page supports, in our words.' }) supports: string;
  @Field({ description: "True when the page is the issuer's own; false for a third-party page." })
  issuerPage: boolean;
}

@ObjectType({
  description:
    "A certification's exam codes, validity, renewal rule, status and successor, each cited to the page read.",
})
@Entity('certification_lifecycles')
export class CertificationLifecycle {
  @PrimaryGeneratedColumn() id: number;

  @Column({ unique: true }) certificationId: number;

  @OneToOne(() => Certification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'certification_id' })
  certificationRecord?: Relation<Certification>;

  /** As recorded; the status field moves RETIRING to RETIRED once statusDate has passed. */
  @Column({ type: 'varchar', length: 10 }) status: CertificationStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'The retirement date (YYYY-MM-DD) for RETIRING and RETIRED, where a page gives it.',
  })
  @Column({ type: 'varchar', length: 10, nullable: true })
  statusDate: string | null;

  @Field(() => [String], {
    description: 'The exam codes that earn the certification now (or last did, when retired).',
  })
  @Column({ type: 'simple-json' })
  examCodes: string[];

  @Field(() => Int, {
    nullable: true,
    description:
      'How long the certification stays valid, in months; null when it does not expire or no page says.',
  })
  @Column({ type: 'integer', nullable: true })
  validityMonths: number | null;

  @Field(() => String, { nullable: true, description: 'How holders keep it valid, in our words.' })
  @Column({ type: 'text', nullable: true })
  renewal: string | null;

  @Column({ type: 'integer', nullable: true }) successorId: number | null;

  @ManyToOne(() => Certification, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'successor_id' })
  successorRecord?: Relation<Certification> | null;

  @Field(() => String, {
    nullable: true,
    description: 'What else to know, such as pages that disagree.',
  })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => [LifecycleCitation])
  @Column({ type: 'simple-json' })
  citations: LifecycleCitation[];
}
