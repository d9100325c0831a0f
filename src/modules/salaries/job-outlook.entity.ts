import { Field, Float, Int, ObjectType } from 'type-graphql';
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

@ObjectType({ implements: Node, description: 'A forecast of demand for a role.' })
@Entity('job_outlooks')
@Index(['roleId'])
export class JobOutlook extends Node {
  static readonly typeName = 'JobOutlook';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Column() roleId: number;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id' })
  roleRecord?: Relation<Role>;

  @Field(() => Float, { nullable: true, description: 'Expected growth in demand, in percent.' })
  @Column({ type: 'float', nullable: true })
  growthPercent: number | null;

  @Field(() => Int, { nullable: true, description: 'The year the forecast runs to.' })
  @Column({ type: 'integer', nullable: true })
  throughYear: number | null;

  @Field() @Column({ type: 'text' }) description: string;
}
