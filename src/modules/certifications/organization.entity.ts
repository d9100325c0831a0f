import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/relay';

@ObjectType({ implements: Node, description: 'A body that issues certifications.' })
@Entity('organizations')
export class Organization extends Node {
  static readonly typeName = 'Organization';

  @PrimaryGeneratedColumn() id: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;
}
