import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, PageInfo } from '../../core/relay';
import type { SearchHitResult } from './search.service';

/** The kinds of node search finds, named as their GraphQL types (a hit's `__typename`). */
export enum SearchType {
  AdvancementPath = 'AdvancementPath',
  Certification = 'Certification',
  Credential = 'Credential',
  Employer = 'Employer',
  Insight = 'Insight',
  InternshipKind = 'InternshipKind',
  Organization = 'Organization',
  Role = 'Role',
  RoleLevel = 'RoleLevel',
  SalaryFactor = 'SalaryFactor',
  Sector = 'Sector',
  Skill = 'Skill',
  Source = 'Source',
}
registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'A kind of node search finds, named as its GraphQL type.',
});

const SCORE =
  'Relevance: higher is better, comparable within one search only. A name equal to the query, or containing it as a phrase, ranks first; then BM25 over names, aliases, related names and prose (docs/search.md).';
const MATCHED =
  'The words of the query this hit matched; for a misspelt word, the word of ours it was taken for.';
const SNIPPET =
  'A short passage of our own text about the node with the matched words marked **like this**; null when no word matched a text of ours.';

// matchedTerms and snippet are read from the hit search found only when a query selects them

@ObjectType({ description: 'A node matching a search, with its relevance.' })
export class SearchHit {
  @Field(() => Node) node: Node;

  @Field(() => Float, { description: SCORE })
  score: number;

  constructor(
    node: Node,
    readonly found: SearchHitResult,
  ) {
    this.node = node;
    this.score = found.score;
  }

  @Field(() => [String], { description: MATCHED })
  get matchedTerms(): string[] {
    return this.found.matchedTerms;
  }

  @Field(() => String, { nullable: true, description: SNIPPET })
  get snippet(): string | null {
    return this.found.snippet;
  }
}

@ObjectType({
  description: 'One hit of a search, with the cursor after which the next page starts.',
})
export class SearchEdge extends SearchHit {
  @Field() cursor: string;

  constructor(cursor: string, node: Node, found: SearchHitResult) {
    super(node, found);
    this.cursor = cursor;
  }
}

@ObjectType({ description: 'How many of a search’s matches are of one kind.' })
export class SearchFacet {
  @Field(() => SearchType) type: SearchType;
  @Field(() => Int) count: number;
}

@ObjectType({
  description: 'A page of a search’s hits, best first, with counts per kind for every match.',
})
export class SearchConnection {
  @Field(() => [SearchEdge]) edges: SearchEdge[];
  @Field(() => [Node]) nodes: Node[];
  @Field(() => PageInfo) pageInfo: PageInfo;

  @Field(() => Int, { description: 'Every match of the kinds asked for, on every page.' })
  totalCount: number;

  @Field(() => [SearchFacet], {
    description: 'Matches per kind, most first; the counts add up to totalCount.',
  })
  facets: SearchFacet[];

  @Field(() => String, {
    nullable: true,
    description:
      'The query with each misspelt word replaced by the word it was taken for; null when no word needed it.',
  })
  didYouMean: string | null;
}
