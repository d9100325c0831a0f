import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/relay';
import { Role } from '../roles/role.entity';
import { Sector } from './sector.entity';

@ObjectType({ implements: Node, description: 'An organization cited as hiring for the roles.' })
@Entity('employers')
export class Employer extends Node {
  static readonly typeName = 'Employer';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() name: string;

  @Field(() => [String], { description: 'The kinds of back-end work this employer is cited for.' })
  @Column({ type: 'simple-json' })
  workAreas: string[];

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the sources say this employer offers internships: true or false as they state it, null when they do not say.',
  })
  @Column({ name: 'offers_internships', type: 'boolean', nullable: true })
  internshipsOffered: boolean | null;

  @Field({
    name: 'offersInternships',
    description:
      'True only when the sources say this employer offers internships; false also when they do not say. Derived from internshipsOffered, which tells the two apart.',
  })
  get offersInternships(): boolean {
    return this.internshipsOffered === true;
  }

  @Field(() => [String], { description: 'What its internships are cited as focusing on.' })
  @Column({ type: 'simple-json' })
  internshipFocus: string[];

  @ManyToMany(() => Sector)
  @JoinTable({
    name: 'employer_sectors',
    joinColumn: { name: 'employer_id' },
    inverseJoinColumn: { name: 'sector_id' },
  })
  sectors?: Sector[];

  @ManyToMany(() => Role)
  @JoinTable({
    name: 'employer_roles',
    joinColumn: { name: 'employer_id' },
    inverseJoinColumn: { name: 'role_id' },
  })
  roles?: Role[];
}
