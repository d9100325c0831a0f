import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/relay';
import { Role } from '../roles/role.entity';

@ObjectType({
  implements: Node,
  description: 'A broad direction to grow in, and the roles it leads to.',
})
@Entity('advancement_paths')
export class AdvancementPath extends Node {
  static readonly typeName = 'AdvancementPath';

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
    name: 'advancement_path_roles',
    joinColumn: { name: 'advancement_path_id' },
    inverseJoinColumn: { name: 'role_id' },
  })
  roles?: Role[];
}
