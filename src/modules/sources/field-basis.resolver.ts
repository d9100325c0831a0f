import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { bySlug } from '../../core/loaders';
import { Citation } from './citation.entity';
import { FieldBasis } from './field-basis';
import { Source } from './source.entity';

@Resolver(() => FieldBasis)
export class FieldBasisResolver {
  @FieldResolver(() => [Citation], {
    description:
      'The spans that state the field (STATED); empty for an EDITORIAL or DERIVED field.',
  })
  async citations(@Root() entry: FieldBasis, @Ctx() ctx: Context): Promise<Citation[]> {
    const out: Citation[] = [];
    for (const [position, c] of entry.cite.entries()) {
      const source = await ctx.loaders.use(bySlug(Source)).load(c.source);
      if (!source) continue;
      out.push(
        Object.assign(new Citation(), {
          id: 0,
          subjectType: 'FieldBasis' as Citation['subjectType'],
          subjectId: 0,
          sourceId: source.id,
          section: c.section,
          position,
          spanStart: c.span?.start ?? null,
          spanEnd: c.span?.end ?? null,
          spanSha256: c.span?.sha256 ?? null,
        }),
      );
    }
    return out;
  }
}
