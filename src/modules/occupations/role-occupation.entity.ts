import { Field, ObjectType } from 'type-graphql';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Role } from '../roles/role.entity';
import { MatchType } from './occupation-codes';
import { Occupation } from './occupation.entity';

@ObjectType('OccupationMapping', {
  description: 'A role mapped to an occupation code, with how closely they correspond.',
})
@Entity('role_occupations')
@Index(['roleId', 'occupationId'], { unique: true })
@Index(['occupationId'])
export class RoleOccupation {
  @PrimaryGeneratedColumn() id: number;

  @Column() roleId: number;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id' })
  roleRecord?: Relation<Role>;

  @Column() occupationId: number;

  @ManyToOne(() => Occupation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'occupation_id' })
  occupationRecord?: Relation<Occupation>;

  @Field(() => MatchType) @Column({ type: 'varchar', length: 8 }) match: MatchType;

  @Field(() => String, { nullable: true, description: 'Why this match type, in our words.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
