import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId, MaybePromise } from '../../core/loaders';
import { spanOf } from '../../seeding/anchor-columns';
import { Citation, TextSpan } from './citation.entity';
import { Source } from './source.entity';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: 'Every source document, by title.' })
  async sources(@Ctx() ctx: Context): Promise<Source[]> {
    return [...(await (await ctx.loaders.tables()).ordered(Source, 'title'))];
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
    description: 'The span of the source that states the fact (offsets and hash, never the words); null for a citation not yet anchored.',
  })
  span(@Root() citation: Citation): TextSpan | null {
    return spanOf(citation);
  }
}
