import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { MaybePromise } from '../../core/loaders';
import { Role } from '../roles/role.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { AdvancementPath } from './advancement-path.entity';
import { rolesOfAdvancementPath } from './guidance.loader';

@Resolver(() => AdvancementPath)
export class AdvancementPathResolver extends CitedResolver(AdvancementPath, 'AdvancementPath') {
  @Query(() => [AdvancementPath], { description: 'Directions to grow in, in the order the sources give.' })
  async advancementPaths(@Ctx() ctx: Context): Promise<AdvancementPath[]> {
    return [...(await (await ctx.loaders.tables()).rows(AdvancementPath))];
  }

  @FieldResolver(() => [Role], { description: 'Roles the path leads to.' })
  roles(@Root() path: AdvancementPath, @Ctx() ctx: Context): MaybePromise<Role[]> {
    return ctx.loaders.load(rolesOfAdvancementPath, path.id);
  }
}
