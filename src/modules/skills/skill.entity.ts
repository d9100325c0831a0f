import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
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

export enum SkillCategory {
  LANGUAGE = 'LANGUAGE',
  DATABASE = 'DATABASE',
  API = 'API',
  CLOUD = 'CLOUD',
  DEVOPS = 'DEVOPS',
  SECURITY = 'SECURITY',
  TESTING = 'TESTING',
  FUNDAMENTALS = 'FUNDAMENTALS',
  TOOL = 'TOOL',
  PROFESSIONAL = 'PROFESSIONAL',
}
registerEnumType(SkillCategory, { name: 'SkillCategory' });

@ObjectType({ implements: Node, description: 'A skill, technology, tool or professional ability.' })
@Entity('skills')
export class Skill extends Node {
  static readonly typeName = 'Skill';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() name: string;

  @Field(() => SkillCategory) @Column({ type: 'varchar', length: 20 }) category: SkillCategory;

  @Field() @Column({ type: 'text' }) description: string;

  @Field(() => [String], {
    description: 'Other names for exactly this skill (true synonyms); skill gap matches them.',
  })
  @Column({ type: 'simple-json' })
  aliases: string[];

  /** Null when there are none. */
  @Column({ name: 'related_terms', type: 'simple-json', nullable: true })
  relatedTermsList: string[] | null;

  @Field(() => [String], {
    name: 'relatedTerms',
    description:
      'Nearby things that are not this skill (C# for .NET, Ruby on Rails for Ruby): shown for orientation, never matched as the skill.',
  })
  get relatedTerms(): string[] {
    return this.relatedTermsList ?? [];
  }

  @Index() @Column({ type: 'integer', nullable: true }) broaderId: number | null;

  @ManyToOne(() => Skill, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'broader_id' })
  broaderRecord?: Relation<Skill> | null;
}
