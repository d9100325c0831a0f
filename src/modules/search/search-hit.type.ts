import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from '../../core/relay';

@ObjectType({ description: 'A node matching a search, with its relevance.' })
export class SearchHit {
  @Field(() => Node) node: Node;

  @Field(() => Float, { description: 'Relevance: higher is better, comparable within one search only (BM25, names weighing ten times the prose, alike on every database).' })
  score: number;
}
