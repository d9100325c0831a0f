import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray } from '../../core/relay';
import { findBySlug } from '../../core/slug-lookup';
import { CitedResolver } from '../sources/cited.resolver';
import { EmployerConnection } from './employer.connection';
import { Employer } from './employer.entity';
import { employersOfSector } from './employer.loader';
import { Sector } from './sector.entity';

@Resolver(() => Sector)
export class SectorResolver extends CitedResolver(Sector, 'Sector') {
  @Query(() => [Sector], { description: 'Every sector, by name.' })
  async sectors(@Ctx() ctx: Context): Promise<Sector[]> {
    return [...(await (await ctx.loaders.tables()).ordered(Sector, 'name'))];
  }

  @Query(() => Sector, { nullable: true, description: 'A sector by slug, or null.' })
  sector(@Arg('slug') slug: string, @Ctx() ctx: Context): Promise<Sector | null> {
    return findBySlug(ctx.loaders, Sector, slug);
  }

  @FieldResolver(() => EmployerConnection, { description: 'Employers in this sector, by name.' })
  async employers(@Root() sector: Sector, @Args({ validate: false }) page: PageArgs, @Ctx() ctx: Context): Promise<Connection<Employer>> {
    return connectionFromArray(await ctx.loaders.use(employersOfSector).load(sector.id), page);
  }
}
