import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Node } from '../../core/relay';
import { YearRange } from '../../core/year-range';
import { Role } from './role.entity';

@ObjectType({ implements: Node, description: 'One seniority level of a role.' })
@Entity('role_levels')
@Index(['roleId', 'rank'])
export class RoleLevel extends Node {
  static readonly typeName = 'RoleLevel';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, { description: 'Rises with every change; send it back with an update so a stale edit is refused.' })
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

  @Field(() => YearRange, { nullable: true, description: 'How long people typically stay at this level.' })
  get yearsInLevel(): YearRange | null {
    return YearRange.of(this.yearsInLevelMin, this.yearsInLevelMax);
  }

  @Field(() => YearRange, { nullable: true, description: 'Total experience this level typically asks for.' })
  get yearsOfExperience(): YearRange | null {
    return YearRange.of(this.yearsOfExperienceMin, this.yearsOfExperienceMax);
  }
}
