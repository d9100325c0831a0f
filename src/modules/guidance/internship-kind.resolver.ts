import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray, ConnectionType } from '../../core/relay';
import { MaybePromise } from '../../core/loaders';
import { Employer } from '../employers/employer.entity';
import { Sector } from '../employers/sector.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { employersOfInternshipKind, sectorsOfInternshipKind } from './guidance.loader';
import { InternshipKind } from './internship-kind.entity';

/** internshipKinds a page at a time, with the true totalCount. */
export const InternshipKindConnection = ConnectionType(InternshipKind, 'InternshipKind');

@Resolver(() => InternshipKind)
export class InternshipKindResolver extends CitedResolver(InternshipKind, 'InternshipKind') {
  @Query(() => InternshipKindConnection, {
    description:
      'Kinds of internship, in source order, a page at a time (`internshipKinds` gives at most 100).',
  })
  async internshipKindsConnection(
    @Args({ validate: false }) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<InternshipKind>> {
    return connectionFromArray(await this.internshipKinds(ctx), page);
  }

  @Query(() => [InternshipKind], {
    description:
      'Kinds of internship, in the order the sources give: the first `first` (100 at most); internshipKindsConnection pages through them all.',
  })
  async internshipKinds(@Ctx() ctx: Context): Promise<InternshipKind[]> {
    return [...(await (await ctx.loaders.tables()).rows(InternshipKind))];
  }

  @FieldResolver(() => [Sector])
  sectors(@Root() kind: InternshipKind, @Ctx() ctx: Context): MaybePromise<Sector[]> {
    return ctx.loaders.load(sectorsOfInternshipKind, kind.id);
  }

  @FieldResolver(() => [Employer], {
    description: 'Employers cited as offering this kind of internship.',
  })
  employers(@Root() kind: InternshipKind, @Ctx() ctx: Context): MaybePromise<Employer[]> {
    return ctx.loaders.load(employersOfInternshipKind, kind.id);
  }
}
