import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../../core/context';
import { MaybePromise } from '../../core/maybe-promise';
import { connectionFromSlice, DEFAULT_PAGE_SIZE, Node, pageWindow } from '../../core/relay';
import { loadNodes } from '../nodes/node.service';
import { SearchConnection, SearchEdge, SearchHit, SearchType } from './search-hit.type';
import { SearchArgs, SearchPageArgs, validateSearchArgs } from './search.inputs';
import { searchGraph, SearchHitResult } from './search.service';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      'Everything in the graph matching the words of `query`, best first (searchConnection adds pages, counts per kind and didYouMean).',
  })
  search(
    @Args({ validateFn: validateSearchArgs }) { query, first, types }: SearchArgs,
    @Ctx() ctx: Context,
  ): MaybePromise<SearchHit[]> {
    const found = searchGraph(ctx, query, {
      limit: first ?? DEFAULT_PAGE_SIZE,
      types: types ?? undefined,
    });
    // without a promise when the index and this version's tables are built (most requests);
    // checked here rather than through then(), whose shared callbacks make it megamorphic
    if (found instanceof Promise) return found.then(({ hits }) => this.hitsAfterTables(ctx, hits));
    return this.hitsAfterTables(ctx, found.hits);
  }

  private hitsAfterTables(ctx: Context, hits: SearchHitResult[]): MaybePromise<SearchHit[]> {
    // the tables first, so that the hits' nodes come from this version's indexes at once
    const tables = ctx.loaders.tablesNow() ?? ctx.loaders.tables();
    if (tables instanceof Promise) return tables.then(() => this.hitsOf(ctx, hits));
    return this.hitsOf(ctx, hits);
  }

  private hitsOf(ctx: Context, hits: SearchHitResult[]): MaybePromise<SearchHit[]> {
    const nodes = loadNodes(ctx, hits);
    return nodes instanceof Promise
      ? nodes.then((n) => withNodes(n, hits))
      : withNodes(nodes, hits);
  }

  @Query(() => SearchConnection, {
    description:
      'Everything in the graph matching the words of `query`, best first, a page at a time, with the number of matches of each kind and the query as corrected when a word was misspelt.',
  })
  async searchConnection(
    @Args({ validateFn: validateSearchArgs }) args: SearchPageArgs,
    @Ctx() ctx: Context,
  ): Promise<SearchConnection> {
    const { offset, limit } = pageWindow(args);
    const result = await searchGraph(ctx, args.query, {
      limit: offset + limit,
      types: args.types ?? undefined,
    });
    const page = result.hits.slice(offset);
    await ctx.loaders.tables();
    const nodes = await loadNodes(ctx, page);
    const connection = connectionFromSlice(page, offset, result.total);
    const edges: SearchEdge[] = [];
    connection.edges.forEach(({ cursor, node: hit }, i) => {
      const node = nodes[i];
      if (node) edges.push(new SearchEdge(cursor, node, hit));
    });
    return Object.assign(new SearchConnection(), {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: connection.pageInfo,
      totalCount: result.total,
      facets: result.facets.map((f) => ({ type: f.type as SearchType, count: f.count })),
      didYouMean: result.didYouMean,
    });
  }
}

function withNodes(nodes: (Node | null)[], hits: SearchHitResult[]): SearchHit[] {
  // a loop, not flatMap: V8's flatMap makes and flattens an array per hit
  const out: SearchHit[] = [];
  for (let i = 0; i < hits.length; i++) {
    const node = nodes[i];
    if (node) out.push(new SearchHit(node, hits[i]));
  }
  return out;
}
