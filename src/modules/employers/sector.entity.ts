import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/relay';

@ObjectType({ implements: Node, description: 'An industry sector that employs the roles.' })
@Entity('sectors')
export class Sector extends Node {
  static readonly typeName = 'Sector';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() name: string;

  @Field() @Column({ type: 'text' }) description: string;
}
