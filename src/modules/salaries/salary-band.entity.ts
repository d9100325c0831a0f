import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Node } from '../../core/relay';
import { BoundQualifier, describeMoney, MoneyQuantity, qualifierOf } from '../../core/quantity';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { FieldBasis, fieldBasisOf, StoredFieldBasis } from '../sources/field-basis';
import { Basis } from '../../core/basis';

export enum SalaryPeriod {
  ANNUAL = 'ANNUAL',
  HOURLY = 'HOURLY',
}
registerEnumType(SalaryPeriod, { name: 'SalaryPeriod' });

@ObjectType({
  implements: Node,
  description: 'A pay figure for a role or one of its levels, as a source states it.',
})
@Entity('salary_bands')
@Index(['roleId'])
@Index(['levelId'])
export class SalaryBand extends Node {
  static readonly typeName = 'SalaryBand';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Column() roleId: number;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id' })
  roleRecord?: Relation<Role>;

  @Column({ type: 'integer', nullable: true }) levelId: number | null;

  @ManyToOne(() => RoleLevel, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'level_id' })
  levelRecord?: Relation<RoleLevel> | null;

  @Field({
    description:
      "What the figure describes, such as 'entry-level starting pay' or 'average range'.",
  })
  @Column()
  label: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Whom the figure is about, in our words ("entry-level roles", "experienced developers"), when the source ties it to a group rather than a level; null when it is about the role as a whole.',
  })
  @Column({ type: 'varchar', nullable: true })
  appliesTo: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'What the figure measures, in our words ("average pay"). Figures of one role with the same topic are figures for the same thing: Role.salaryFigures serves them side by side, none winning.',
  })
  @Column({ type: 'varchar', nullable: true })
  topic: string | null;

  /** Null when every field rests on the band's citations. */
  @Column({ name: 'provenance', type: 'simple-json', nullable: true })
  provenanceList: StoredFieldBasis[] | null;

  @Field(() => [FieldBasis], {
    name: 'provenance',
    description:
      "How the fields that do not rest on the band's citations are known, such as a `level` link that is a curator's reading (EDITORIAL, with a rationale). A field not listed rests on the band's citations (STATED).",
  })
  get provenance(): FieldBasis[] {
    return (this.provenanceList ?? []).map(fieldBasisOf);
  }

  @Field(() => Basis, {
    description:
      "How the figure (amount) is known: STATED (its citations' spans give it) unless provenance says otherwise for `amount`.",
  })
  get amountBasis(): Basis {
    return (
      (this.provenanceList ?? []).find((p) => p.field === 'amount' && !p.values?.length)?.basis ??
      Basis.STATED
    );
  }

  @Field({ description: 'ISO 4217 currency code.' })
  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Field(() => SalaryPeriod) @Column({ type: 'varchar', length: 8 }) period: SalaryPeriod;

  /** Null when the source does not say where the figure holds. */
  @Column({ type: 'varchar', nullable: true }) region: string | null;

  @Field({
    name: 'region',
    description: `Where the figure holds, such as US; "${UNSPECIFIED_REGION}" when the source does not say. Derived from amount.region.`,
  })
  get regionLabel(): string {
    return this.region ?? UNSPECIFIED_REGION;
  }

  @Field(() => Int, { nullable: true }) @Column({ type: 'integer', nullable: true }) year:
    number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The lower figure without its qualifier. Derived from amount.',
  })
  @Column({ type: 'integer', nullable: true })
  min: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The upper figure without its qualifier; null when the source gives no ceiling. Derived from amount.',
  })
  @Column({ type: 'integer', nullable: true })
  max: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true }) minQualifier: BoundQualifier | null;

  @Column({ type: 'varchar', length: 10, nullable: true }) maxQualifier: BoundQualifier | null;

  @Column({ default: false }) orMore: boolean;

  @Field(() => MoneyQuantity, {
    description:
      'The figure as the source states it: bounds with their qualifiers, and currency, period, region and year (null where the source does not say).',
  })
  get amount(): MoneyQuantity {
    const q = {
      min: this.min,
      minQualifier: qualifierOf(this.min, this.minQualifier),
      max: this.max,
      maxQualifier: qualifierOf(this.max, this.maxQualifier),
      orMore: !!this.orMore,
    };
    return Object.assign(new MoneyQuantity(), q, {
      currency: this.currency,
      period: this.period,
      region: this.region,
      year: this.year,
      text: describeMoney({ ...q, currency: this.currency, period: this.period }),
    });
  }
}

/** What the derived `region` field says when the source names no region. */
export const UNSPECIFIED_REGION = 'unspecified';
