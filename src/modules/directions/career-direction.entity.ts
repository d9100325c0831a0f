import { Field, Int, ObjectType } from 'type-graphql';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Basis } from '../../core/basis';
import { Node } from '../../core/relay';
import { AdvancementPath } from '../guidance/advancement-path.entity';
import { Role } from '../roles/role.entity';

/**
 * A destination the sources name without saying from where ("many move into engineering
 * management"): from a role, meaning anywhere among its levels, to a role. Not a transition: it
 * has no starting level, no years and no pay of its own. Path questions use it only on request
 * (`includeDirections`).
 */
@ObjectType({
  implements: Node,
  description:
    'A career direction: a role the sources name as a next step from a role (anywhere among its levels) without saying from which level or after how long. Never a CareerTransition; path questions use it only with `includeDirections: true`.',
})
@Entity('career_directions')
@Index(['fromRoleId'])
@Index(['toRoleId'])
export class CareerDirection extends Node {
  static readonly typeName = 'CareerDirection';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Column() fromRoleId: number;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'from_role_id' })
  fromRecord?: Relation<Role>;

  @Column() toRoleId: number;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'to_role_id' })
  toRecord?: Relation<Role>;

  @Column({ type: 'integer', nullable: true }) advancementPathId: number | null;

  @ManyToOne(() => AdvancementPath, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'advancement_path_id' })
  advancementPathRecord?: Relation<AdvancementPath>;

  @Field(() => Basis, {
    description:
      "STATED: a cited span names the destination; EDITORIAL: a curator's judgement, with `rationale`. Never DERIVED.",
  })
  @Column({ type: 'varchar', length: 10 })
  basis: Basis;

  @Field(() => String, {
    nullable: true,
    description:
      'Why a curator added it (EDITORIAL), or what the sources leave open; null when nothing needs saying.',
  })
  @Column({ type: 'text', nullable: true })
  rationale: string | null;
}
