import { Field, Int, ObjectType } from 'type-graphql';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { Node } from '../../core/relay';
import { Role } from '../roles/role.entity';
import { FieldBasis, fieldBasisOf, StoredFieldBasis } from '../sources/field-basis';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { Organization } from './organization.entity';

@ObjectType({ implements: Node, description: 'A vendor or industry certification.' })
@Entity('certifications')
export class Certification extends Node {
  static readonly typeName = 'Certification';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() name: string;

  @Index() @Column() issuerId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id' })
  issuerRecord?: Relation<Organization>;

  @Field() @Column({ type: 'text' }) description: string;

  @Field(() => [String], { description: 'Abbreviations and other names, such as OCPJP.' })
  @Column({ type: 'simple-json' })
  aliases: string[];

  /** Null when no field carries a basis of its own. */
  @Column({ name: 'provenance', type: 'simple-json', nullable: true })
  provenanceList: StoredFieldBasis[] | null;

  @Field(() => [FieldBasis], {
    name: 'provenance',
    description:
      "How the fields that do not rest on the record's citations are known: each link to a role or level is STATED (with the span that says it) or EDITORIAL (with a rationale). A field not listed rests on the record's citations.",
  })
  get provenance(): FieldBasis[] {
    return (this.provenanceList ?? []).map(fieldBasisOf);
  }

  @ManyToMany(() => Skill)
  @JoinTable({
    name: 'certification_skills',
    joinColumn: { name: 'certification_id' },
    inverseJoinColumn: { name: 'skill_id' },
  })
  skills?: Skill[];

  @ManyToMany(() => Role)
  @JoinTable({
    name: 'certification_roles',
    joinColumn: { name: 'certification_id' },
    inverseJoinColumn: { name: 'role_id' },
  })
  roles?: Role[];

  @ManyToMany(() => RoleLevel)
  @JoinTable({
    name: 'certification_levels',
    joinColumn: { name: 'certification_id' },
    inverseJoinColumn: { name: 'level_id' },
  })
  levels?: RoleLevel[];
}
