import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId, MaybePromise } from '../../core/loaders';
import { AdvancementPath } from '../guidance/advancement-path.entity';
import { Role } from '../roles/role.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { CareerDirection } from './career-direction.entity';
import { directionIndex, NO_STARTING_POINT } from './direction.service';

@Resolver(() => CareerDirection)
export class CareerDirectionResolver extends CitedResolver(CareerDirection, 'CareerDirection') {
  @Query(() => [CareerDirection], {
    description: 'Every career direction (a destination named without a starting level), by slug.',
  })
  async careerDirections(@Ctx() ctx: Context): Promise<CareerDirection[]> {
    return [...(await directionIndex(ctx)).all];
  }

  @FieldResolver(() => Role, {
    description:
      'The role the direction starts from: anywhere among its levels, since the sources name none.',
  })
  from(@Root() d: CareerDirection, @Ctx() ctx: Context): MaybePromise<Role> {
    return ctx.loaders.load(byId(Role), d.fromRoleId) as MaybePromise<Role>;
  }

  @FieldResolver(() => Role, { description: 'The role the sources name as the destination.' })
  to(@Root() d: CareerDirection, @Ctx() ctx: Context): MaybePromise<Role> {
    return ctx.loaders.load(byId(Role), d.toRoleId) as MaybePromise<Role>;
  }

  @FieldResolver(() => AdvancementPath, {
    nullable: true,
    description: 'The advancement path the direction belongs to, when one does.',
  })
  advancementPath(
    @Root() d: CareerDirection,
    @Ctx() ctx: Context,
  ): MaybePromise<AdvancementPath | null> {
    return d.advancementPathId == null
      ? null
      : (ctx.loaders.load(
          byId(AdvancementPath),
          d.advancementPathId,
        ) as MaybePromise<AdvancementPath | null>);
  }

  @FieldResolver(() => String, {
    description:
      'Always says that the sources give no starting level and no time: a direction is never a transition.',
  })
  startingPoint(): string {
    return NO_STARTING_POINT;
  }
}

@Resolver(() => Role)
export class RoleDirectionsResolver {
  @FieldResolver(() => [CareerDirection], {
    description:
      'Destinations the sources name for this role without saying from which of its levels (career directions), by slug. Not transitions: path questions use them only with `includeDirections: true`.',
  })
  async directions(@Root() role: Role, @Ctx() ctx: Context): Promise<CareerDirection[]> {
    return (await directionIndex(ctx)).from.get(role.id) ?? [];
  }
}
