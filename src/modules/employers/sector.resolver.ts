import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray, ConnectionType } from '../../core/relay';
import { findBySlug } from '../../core/slug-lookup';
import { MaybePromise } from '../../core/maybe-promise';
import { CitedResolver } from '../sources/cited.resolver';
import { EmployerConnection } from './employer.connection';
import { Employer } from './employer.entity';
import { employersOfSector } from './employer.loader';
import { Sector } from './sector.entity';

/** sectors a page at a time, with the true totalCount. */
export const SectorConnection = ConnectionType(Sector, 'Sector');

@Resolver(() => Sector)
export class SectorResolver extends CitedResolver(Sector, 'Sector') {
  @Query(() => SectorConnection, {
    description: 'Every sector, by name, a page at a time (`sectors` gives at most 100).',
  })
  async sectorsConnection(
    @Args({ validate: false }) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Sector>> {
    return connectionFromArray(await this.sectors(ctx), page);
  }

  @Query(() => [Sector], {
    description:
      'Every sector, by name: the first `first` (100 at most); sectorsConnection pages through them all.',
  })
  async sectors(@Ctx() ctx: Context): Promise<Sector[]> {
    return [...(await (await ctx.loaders.tables()).ordered(Sector, 'name'))];
  }

  @Query(() => Sector, { nullable: true, description: 'A sector by slug, or null.' })
  sector(@Arg('slug') slug: string, @Ctx() ctx: Context): MaybePromise<Sector | null> {
    return findBySlug(ctx.loaders, Sector, slug);
  }

  @FieldResolver(() => EmployerConnection, { description: 'Employers in this sector, by name.' })
  async employers(
    @Root() sector: Sector,
    @Args({ validate: false }) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Employer>> {
    return connectionFromArray(await ctx.loaders.use(employersOfSector).load(sector.id), page);
  }
}
