import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../../core/context';
import { DEFAULT_PAGE_SIZE } from '../../core/relay';
import { loadNodes } from '../nodes/node.service';
import { SearchHit } from './search-hit.type';
import { SearchArgs } from './search.inputs';
import { searchIndex } from './search.service';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => [SearchHit], { description: 'Everything in the graph matching the words of `query`, best first.' })
  async search(@Args() { query, first }: SearchArgs, @Ctx() ctx: Context): Promise<SearchHit[]> {
    const hits = await searchIndex(ctx, query, { limit: first ?? DEFAULT_PAGE_SIZE });
    const nodes = await loadNodes(ctx, hits);
    return hits.flatMap((hit, i) => (nodes[i] ? [Object.assign(new SearchHit(), { node: nodes[i], score: hit.score })] : []));
  }
}
