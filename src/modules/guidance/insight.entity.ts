import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/relay';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';

export enum InsightKind {
  BENEFIT = 'BENEFIT',
  CHALLENGE = 'CHALLENGE',
  COMMON_MISTAKE = 'COMMON_MISTAKE',
  TIP = 'TIP',
  BEST_PRACTICE = 'BEST_PRACTICE',
  FIT_TRAIT = 'FIT_TRAIT',
  INTERVIEW_PREP = 'INTERVIEW_PREP',
  ACTION_STEP = 'ACTION_STEP',
  HIRING_INSIGHT = 'HIRING_INSIGHT',
  ADVANCEMENT_STRATEGY = 'ADVANCEMENT_STRATEGY',
  CREDENTIAL_ADVICE = 'CREDENTIAL_ADVICE',
  PRACTITIONER_VIEW = 'PRACTITIONER_VIEW',
}
registerEnumType(InsightKind, {
  name: 'InsightKind',
  description: 'What kind of advice or observation an insight is.',
});

@ObjectType({
  implements: Node,
  description:
    'A piece of cited advice: a tip, a common mistake, a challenge, a fit trait, interview preparation...',
})
@Entity('insights')
@Index(['kind'])
export class Insight extends Node {
  static readonly typeName = 'Insight';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field(() => InsightKind) @Column({ type: 'varchar', length: 24 }) kind: InsightKind;

  @Field() @Column() title: string;

  @Field() @Column({ type: 'text' }) text: string;

  @Field(() => [String], { description: 'The concrete items, in order.' })
  @Column({ type: 'simple-json' })
  points: string[];

  @ManyToMany(() => Role)
  @JoinTable({
    name: 'insight_roles',
    joinColumn: { name: 'insight_id' },
    inverseJoinColumn: { name: 'role_id' },
  })
  roles?: Role[];

  @ManyToMany(() => RoleLevel)
  @JoinTable({
    name: 'insight_levels',
    joinColumn: { name: 'insight_id' },
    inverseJoinColumn: { name: 'level_id' },
  })
  levels?: RoleLevel[];

  @ManyToMany(() => Skill)
  @JoinTable({
    name: 'insight_skills',
    joinColumn: { name: 'insight_id' },
    inverseJoinColumn: { name: 'skill_id' },
  })
  skills?: Skill[];
}
