import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/relay';
import { Role } from '../roles/role.entity';

@ObjectType({ implements: Node, description: 'Something that moves pay up or down, and why.' })
@Entity('salary_factors')
export class SalaryFactor extends Node {
  static readonly typeName = 'SalaryFactor';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() name: string;

  @Field() @Column({ type: 'text' }) description: string;

  @ManyToMany(() => Role)
  @JoinTable({
    name: 'salary_factor_roles',
    joinColumn: { name: 'salary_factor_id' },
    inverseJoinColumn: { name: 'role_id' },
  })
  roles?: Role[];
}
