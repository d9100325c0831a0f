import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
} from 'typeorm';
import { Basis } from '../../core/basis';
import { Node } from '../../core/relay';
import { YearRange } from '../../core/year-range';
import { BoundQualifier, YearQuantity } from '../../core/quantity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';

export enum TransitionKind {
  PROMOTION = 'PROMOTION',
  LATERAL = 'LATERAL',
  SPECIALIZATION = 'SPECIALIZATION',
  MANAGEMENT = 'MANAGEMENT',
}
registerEnumType(TransitionKind, { name: 'TransitionKind' });

@ObjectType({ implements: Node, description: 'A move from one role level to another.' })
@Entity('career_transitions')
@Unique(['fromLevelId', 'toLevelId'])
@Index(['toLevelId'])
export class CareerTransition {
  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Column() fromLevelId: number;

  @ManyToOne(() => RoleLevel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_level_id' })
  fromRecord?: Relation<RoleLevel>;

  @Column() toLevelId: number;

  @ManyToOne(() => RoleLevel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_level_id' })
  toRecord?: Relation<RoleLevel>;

  @Field(() => TransitionKind) @Column({ type: 'varchar', length: 16 }) kind: TransitionKind;

  @Field(() => Basis, {
    description:
      "How the starting level is known. STATED: a cited span names it; EDITORIAL: the sources name only the destination and the starting level is a curator's choice (see startRationale). Never DERIVED.",
  })
  @Column({ type: 'varchar', length: 10, default: Basis.STATED })
  startBasis: Basis;

  @Field(() => String, {
    nullable: true,
    description:
      'Why a curator chose this starting level (for an EDITORIAL startBasis), in our words; null otherwise.',
  })
  @Column({ type: 'text', nullable: true })
  startRationale: string | null;

  @Column({ type: 'float', nullable: true }) typicalYearsMin: number | null;
  @Column({ type: 'float', nullable: true }) typicalYearsMax: number | null;
  @Column({ type: 'varchar', length: 10, nullable: true })
  typicalYearsMinQualifier: BoundQualifier | null;
  @Column({ type: 'varchar', length: 10, nullable: true })
  typicalYearsMaxQualifier: BoundQualifier | null;

  @ManyToMany(() => Skill)
  @JoinTable({
    name: 'transition_skills',
    joinColumn: { name: 'transition_id' },
    inverseJoinColumn: { name: 'skill_id' },
  })
  skills?: Skill[];

  @Field(() => YearQuantity, {
    nullable: true,
    description:
      'Typical years spent at `from` before this move, as the sources state them (qualifiers kept).',
  })
  get typicalYearsQuantity(): YearQuantity | null {
    return YearQuantity.of(
      this.typicalYearsMin,
      this.typicalYearsMinQualifier,
      this.typicalYearsMax,
      this.typicalYearsMaxQualifier,
    );
  }

  @Field(() => YearRange, {
    nullable: true,
    description:
      'Typical years spent at `from` before this move. Derived from typicalYearsQuantity: its numbers without their qualifiers.',
  })
  get typicalYears(): YearRange | null {
    return YearRange.of(this.typicalYearsMin, this.typicalYearsMax);
  }
}
