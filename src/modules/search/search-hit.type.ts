import { Field, Float, ObjectType } from 'type-graphql';
import { Node } from '../../core/relay';

@ObjectType({ description: 'A node matching a search, with its relevance.' })
export class SearchHit {
  @Field(() => Node) node: Node;

  @Field(() => Float, { description: 'Relevance (BM25); higher is better. Comparable within one search only.' })
  score: number;
}
