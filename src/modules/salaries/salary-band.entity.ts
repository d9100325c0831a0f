import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Node } from '../../core/relay';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';

export enum SalaryPeriod {
  ANNUAL = 'ANNUAL',
  HOURLY = 'HOURLY',
}
registerEnumType(SalaryPeriod, { name: 'SalaryPeriod' });

@ObjectType({ implements: Node, description: 'A pay figure for a role or one of its levels, as a source states it.' })
@Entity('salary_bands')
@Index(['roleId'])
@Index(['levelId'])
export class SalaryBand extends Node {
  static readonly typeName = 'SalaryBand';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, { description: 'Rises with every change; send it back with an update so a stale edit is refused.' })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Column() roleId: number;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id' })
  roleRecord?: Relation<Role>;

  @Column({ type: 'integer', nullable: true }) levelId: number | null;

  @ManyToOne(() => RoleLevel, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'level_id' })
  levelRecord?: Relation<RoleLevel> | null;

  @Field({ description: "What the figure describes, such as 'entry-level starting pay' or 'average range'." })
  @Column()
  label: string;

  @Field({ description: 'ISO 4217 currency code.' }) @Column({ type: 'varchar', length: 3 }) currency: string;

  @Field(() => SalaryPeriod) @Column({ type: 'varchar', length: 8 }) period: SalaryPeriod;

  @Field({ description: 'Where the figure holds, such as US.' }) @Column() region: string;

  @Field(() => Int, { nullable: true }) @Column({ type: 'integer', nullable: true }) year: number | null;

  @Field(() => Int, { nullable: true }) @Column({ type: 'integer', nullable: true }) min: number | null;

  @Field(() => Int, { nullable: true }) @Column({ type: 'integer', nullable: true }) max: number | null;
}
