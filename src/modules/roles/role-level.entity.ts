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
import { Node } from '../../core/relay';
import { YearRange } from '../../core/year-range';
import { BoundQualifier, YearQuantity } from '../../core/quantity';
import { Role } from './role.entity';

@ObjectType({ implements: Node, description: 'One seniority level of a role.' })
@Entity('role_levels')
@Index(['roleId', 'rank'])
export class RoleLevel extends Node {
  static readonly typeName = 'RoleLevel';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() name: string;

  @Column() roleId: number;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id' })
  roleRecord?: Relation<Role>;

  @Field(() => Int, { description: '1 for the entry level, rising with seniority.' })
  @Column()
  rank: number;

  @Field() @Column({ type: 'text' }) summary: string;

  @Field(() => [String], { description: 'Other job titles used for this level.' })
  @Column({ type: 'simple-json' })
  titles: string[];

  @Field(() => [String]) @Column({ type: 'simple-json' }) responsibilities: string[];

  @Column({ type: 'float', nullable: true }) yearsInLevelMin: number | null;
  @Column({ type: 'float', nullable: true }) yearsInLevelMax: number | null;
  @Column({ type: 'float', nullable: true }) yearsOfExperienceMin: number | null;
  @Column({ type: 'float', nullable: true }) yearsOfExperienceMax: number | null;
  @Column({ type: 'varchar', length: 10, nullable: true })
  yearsInLevelMinQualifier: BoundQualifier | null;
  @Column({ type: 'varchar', length: 10, nullable: true })
  yearsInLevelMaxQualifier: BoundQualifier | null;
  @Column({ type: 'varchar', length: 10, nullable: true })
  yearsOfExperienceMinQualifier: BoundQualifier | null;
  @Column({ type: 'varchar', length: 10, nullable: true })
  yearsOfExperienceMaxQualifier: BoundQualifier | null;

  @Field(() => YearQuantity, {
    nullable: true,
    description:
      'How long people typically stay at this level, as the sources state it (qualifiers kept).',
  })
  get yearsInLevelQuantity(): YearQuantity | null {
    return YearQuantity.of(
      this.yearsInLevelMin,
      this.yearsInLevelMinQualifier,
      this.yearsInLevelMax,
      this.yearsInLevelMaxQualifier,
    );
  }

  @Field(() => YearQuantity, {
    nullable: true,
    description:
      'The experience this level asks for, as the sources state it ("more than 5 years" is min 5, MORE_THAN): an entry requirement that bounds the time to reach the level.',
  })
  get yearsOfExperienceQuantity(): YearQuantity | null {
    return YearQuantity.of(
      this.yearsOfExperienceMin,
      this.yearsOfExperienceMinQualifier,
      this.yearsOfExperienceMax,
      this.yearsOfExperienceMaxQualifier,
    );
  }

  @Field(() => YearRange, {
    nullable: true,
    description:
      'How long people typically stay at this level. Derived from yearsInLevelQuantity: its numbers without their qualifiers.',
  })
  get yearsInLevel(): YearRange | null {
    return YearRange.of(this.yearsInLevelMin, this.yearsInLevelMax);
  }

  @Field(() => YearRange, {
    nullable: true,
    description:
      'Total experience this level typically asks for. Derived from yearsOfExperienceQuantity: its numbers without their qualifiers ("more than 5" reads as min 5).',
  })
  get yearsOfExperience(): YearRange | null {
    return YearRange.of(this.yearsOfExperienceMin, this.yearsOfExperienceMax);
  }
}
