import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray, ConnectionType } from '../../core/relay';
import { byId, MaybePromise } from '../../core/loaders';
import { spanOf } from './anchor-columns';
import { Citation, TextSpan } from './citation.entity';
import { Source, SourceSection } from './source.entity';

/** sources a page at a time, with the true totalCount. */
export const SourceConnection = ConnectionType(Source, 'Source');

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, {
    description: 'Every source document, by title, a page at a time (`sources` gives at most 100).',
  })
  async sourcesConnection(
    @Args({ validate: false }) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Source>> {
    return connectionFromArray(await this.sources(ctx), page);
  }

  @Query(() => [Source], {
    description:
      'Every source document, by title: the first `first` (100 at most); sourcesConnection pages through them all.',
  })
  async sources(@Ctx() ctx: Context): Promise<Source[]> {
    return [...(await (await ctx.loaders.tables()).ordered(Source, 'title'))];
  }

  @FieldResolver(() => [SourceSection], {
    description:
      "The document's headings in order; a section runs to the next heading of the same or a higher level. Empty for a web page cited by its address.",
  })
  sections(@Root() source: Source): SourceSection[] {
    return source.sections ?? [];
  }
}

@Resolver(() => Citation)
export class CitationResolver {
  @FieldResolver(() => Source)
  source(@Root() citation: Citation, @Ctx() ctx: Context): MaybePromise<Source> {
    return ctx.loaders.load(byId(Source), citation.sourceId) as MaybePromise<Source>;
  }

  @FieldResolver(() => TextSpan, {
    nullable: true,
    description:
      'The span of the source that states the fact (offsets and hash, never the words); null for a citation not yet anchored.',
  })
  span(@Root() citation: Citation): TextSpan | null {
    return spanOf(citation);
  }
}
