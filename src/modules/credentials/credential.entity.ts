import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/relay';
import { Role } from '../roles/role.entity';
import { FieldBasis, fieldBasisOf, StoredFieldBasis } from '../sources/field-basis';

export enum CredentialKind {
  DEGREE = 'DEGREE',
  CERTIFICATE_PROGRAM = 'CERTIFICATE_PROGRAM',
  BOOTCAMP = 'BOOTCAMP',
  CERTIFICATION = 'CERTIFICATION',
  CONTINUING_EDUCATION = 'CONTINUING_EDUCATION',
}
registerEnumType(CredentialKind, { name: 'CredentialKind' });

@ObjectType({
  implements: Node,
  description: 'An education route: a degree, a certificate programme, a bootcamp...',
})
@Entity('credentials')
export class Credential extends Node {
  static readonly typeName = 'Credential';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() name: string;

  @Field(() => CredentialKind) @Column({ type: 'varchar', length: 24 }) kind: CredentialKind;

  @Field({ description: 'Who the route suits best.' }) @Column({ type: 'text' }) bestFor: string;

  @Field({ description: 'What the route does for a candidate.' })
  @Column({ type: 'text' })
  howItHelps: string;

  /** Null when no field carries a basis of its own. */
  @Column({ name: 'provenance', type: 'simple-json', nullable: true })
  provenanceList: StoredFieldBasis[] | null;

  @Field(() => [FieldBasis], {
    name: 'provenance',
    description:
      "How the fields that do not rest on the record's citations are known: each link to a role is STATED (with the span that says it) or EDITORIAL (with a rationale). A field not listed rests on the record's citations.",
  })
  get provenance(): FieldBasis[] {
    return (this.provenanceList ?? []).map(fieldBasisOf);
  }

  @ManyToMany(() => Role)
  @JoinTable({
    name: 'credential_roles',
    joinColumn: { name: 'credential_id' },
    inverseJoinColumn: { name: 'role_id' },
  })
  roles?: Role[];
}
