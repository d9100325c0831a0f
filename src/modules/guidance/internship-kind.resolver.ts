import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { MaybePromise } from '../../core/loaders';
import { Employer } from '../employers/employer.entity';
import { Sector } from '../employers/sector.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { employersOfInternshipKind, sectorsOfInternshipKind } from './guidance.loader';
import { InternshipKind } from './internship-kind.entity';

@Resolver(() => InternshipKind)
export class InternshipKindResolver extends CitedResolver(InternshipKind, 'InternshipKind') {
  @Query(() => [InternshipKind], { description: 'Kinds of internship, in the order the sources give.' })
  async internshipKinds(@Ctx() ctx: Context): Promise<InternshipKind[]> {
    return [...(await (await ctx.loaders.tables()).rows(InternshipKind))];
  }

  @FieldResolver(() => [Sector])
  sectors(@Root() kind: InternshipKind, @Ctx() ctx: Context): MaybePromise<Sector[]> {
    return ctx.loaders.load(sectorsOfInternshipKind, kind.id);
  }

  @FieldResolver(() => [Employer], { description: 'Employers cited as offering this kind of internship.' })
  employers(@Root() kind: InternshipKind, @Ctx() ctx: Context): MaybePromise<Employer[]> {
    return ctx.loaders.load(employersOfInternshipKind, kind.id);
  }
}
