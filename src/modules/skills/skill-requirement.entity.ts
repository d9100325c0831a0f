import { Field, ObjectType, registerEnumType } from 'type-graphql';
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
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from './skill.entity';
import { Basis } from '../../core/basis';

export enum SkillImportance {
  REQUIRED = 'REQUIRED',
  RECOMMENDED = 'RECOMMENDED',
  OPTIONAL = 'OPTIONAL',
}
registerEnumType(SkillImportance, { name: 'SkillImportance' });

/** Heavier weights first: used to order requirements and to weigh coverage. */
export const IMPORTANCE_ORDER: Record<SkillImportance, number> = {
  REQUIRED: 0,
  RECOMMENDED: 1,
  OPTIONAL: 2,
};

/**
 * A skill a role asks for. With a level it applies to that level only (and overrides a role-wide
 * requirement of the same skill); without one it applies to every level of the role.
 */
@ObjectType({
  implements: Node,
  description: 'A skill a role or role level asks for, and how much it matters.',
})
@Entity('skill_requirements')
@Index(['roleId', 'levelId'])
@Index(['skillId'])
export class SkillRequirement {
  @PrimaryGeneratedColumn() id: number;

  @Column() roleId: number;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id' })
  roleRecord?: Relation<Role>;

  @Column({ type: 'integer', nullable: true }) levelId: number | null;

  @ManyToOne(() => RoleLevel, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'level_id' })
  levelRecord?: Relation<RoleLevel> | null;

  @Column() skillId: number;

  @ManyToOne(() => Skill, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'skill_id' })
  skillRecord?: Relation<Skill>;

  @Field(() => SkillImportance, {
    description: 'How much the skill matters; see importanceBasis for how we know.',
  })
  @Column({ type: 'varchar', length: 12 })
  importance: SkillImportance;

  @Field(() => Basis, {
    description:
      'How the grade is known. The sources grade no skill, so every grade so far is EDITORIAL.',
  })
  @Column({ type: 'varchar', length: 10, default: Basis.EDITORIAL })
  importanceBasis: Basis;

  @Field(() => String, {
    name: 'group',
    nullable: true,
    description:
      'Requirements of a level that share a group are alternatives: holding any one meets them all ("at least one of these languages").',
  })
  @Column({ type: 'varchar', length: 60, nullable: true })
  requirementGroup: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why a curator graded it so (for an EDITORIAL grade).',
  })
  @Column({ type: 'text', nullable: true })
  importanceRationale: string | null;
}
