import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray, ConnectionType } from '../../core/relay';
import { MaybePromise } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { AdvancementPath } from './advancement-path.entity';
import { rolesOfAdvancementPath } from './guidance.loader';

/** advancementPaths a page at a time, with the true totalCount. */
export const AdvancementPathConnection = ConnectionType(AdvancementPath, 'AdvancementPath');

@Resolver(() => AdvancementPath)
export class AdvancementPathResolver extends CitedResolver(AdvancementPath, 'AdvancementPath') {
  @Query(() => AdvancementPathConnection, {
    description:
      'Directions to grow in, in source order, a page at a time (`advancementPaths` gives at most 100).',
  })
  async advancementPathsConnection(
    @Args({ validate: false }) page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<AdvancementPath>> {
    return connectionFromArray(await this.advancementPaths(ctx), page);
  }

  @Query(() => [AdvancementPath], {
    description:
      'Directions to grow in, in the order the sources give: the first `first` (100 at most); advancementPathsConnection pages through them all.',
  })
  async advancementPaths(@Ctx() ctx: Context): Promise<AdvancementPath[]> {
    return [...(await (await ctx.loaders.tables()).rows(AdvancementPath))];
  }

  @FieldResolver(() => [Role], { description: 'Roles the path leads to.' })
  roles(@Root() path: AdvancementPath, @Ctx() ctx: Context): MaybePromise<Role[]> {
    return ctx.loaders.load(rolesOfAdvancementPath, path.id);
  }
}
