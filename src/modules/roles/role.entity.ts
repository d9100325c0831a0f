import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/relay';

@ObjectType({
  implements: Node,
  description: 'A job role, such as back-end developer, with its seniority levels.',
})
@Entity('roles')
export class Role extends Node {
  static readonly typeName = 'Role';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() name: string;

  @Field() @Column({ type: 'text' }) summary: string;

  @Field(() => [String], { description: 'Other names for the role.' })
  @Column({ type: 'simple-json' })
  aliases: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether a licence is needed to work in the role; null when no source says.',
  })
  @Column({ type: 'boolean', nullable: true })
  licenseRequired: boolean | null;

  /** Related roles, stored once per pair in either direction. */
  @ManyToMany(() => Role)
  @JoinTable({
    name: 'role_relations',
    joinColumn: { name: 'role_id' },
    inverseJoinColumn: { name: 'related_role_id' },
  })
  related?: Role[];
}
