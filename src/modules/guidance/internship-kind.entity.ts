import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/relay';
import { Employer } from '../employers/employer.entity';
import { Sector } from '../employers/sector.entity';

@ObjectType({
  implements: Node,
  description: 'A kind of internship, where it is found and what it teaches.',
})
@Entity('internship_kinds')
export class InternshipKind extends Node {
  static readonly typeName = 'InternshipKind';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() name: string;

  @Field() @Column({ type: 'text' }) description: string;

  @Field(() => [String]) @Column({ type: 'simple-json' }) focusAreas: string[];

  @ManyToMany(() => Sector)
  @JoinTable({
    name: 'internship_kind_sectors',
    joinColumn: { name: 'internship_kind_id' },
    inverseJoinColumn: { name: 'sector_id' },
  })
  sectors?: Sector[];

  @ManyToMany(() => Employer)
  @JoinTable({
    name: 'internship_kind_employers',
    joinColumn: { name: 'internship_kind_id' },
    inverseJoinColumn: { name: 'employer_id' },
  })
  employers?: Employer[];
}
