import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Node } from '../../core/relay';

@ObjectType({ description: 'A heading of a source document.' })
export class SourceSection {
  @Field() heading: string;
  @Field(() => Int, { description: '1 for a top-level heading, 2 for one under it, and so on.' })
  level: number;

  @Field(() => Int, {
    nullable: true,
    description:
      "Where the section's text begins in the document, after its heading line (code points from 0); a cited span lies between start and end.",
  })
  start?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Where the section ends (code points, exclusive): at the next heading of the same or a higher level, or at the end of the document.',
  })
  end?: number | null;
}

@ObjectType({
  implements: Node,
  description: 'A document that facts in the graph were taken from.',
})
@Entity('sources')
export class Source extends Node {
  static readonly typeName = 'Source';

  @PrimaryGeneratedColumn() id: number;

  @Field(() => Int, {
    description: 'Rises with every change; send it back with an update so a stale edit is refused.',
  })
  @Column({ default: 1 })
  version: number;

  @Field() @Column({ unique: true }) slug: string;

  @Field() @Column() title: string;

  @Field(() => String, { nullable: true, description: 'Who published the document.' })
  @Column({ type: 'varchar', nullable: true })
  publisher: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Name of the document in the source collection.',
  })
  @Column({ type: 'varchar', nullable: true })
  file: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'SHA-256 (hex) of the document the citation spans were taken from, so a reader can tell they hold the same text.',
  })
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256: string | null;

  /** The document's headings; null for a source known only by its web address (Source.sections answers []). */
  @Column({ type: 'simple-json', nullable: true })
  sections: SourceSection[] | null;
}
