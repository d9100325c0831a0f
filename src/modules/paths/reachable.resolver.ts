import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../../core/context';
import { ReachableLevel } from './reachable-level.type';
import { ReachableRolesArgs } from './reachable.inputs';
import { reachableLevels } from './reachable.service';

@Resolver(() => ReachableLevel)
export class ReachableLevelResolver {
  @Query(() => [ReachableLevel], {
    description:
      "Every role level reachable from `from` whose quickest route's known minimum of typical years fits `withinYears` (steps without figures count as 0 and are reported), sorted by those years, then by the pay change's upper bound (highest first, unknown last), then by name.",
  })
  reachableRoles(@Args() args: ReachableRolesArgs, @Ctx() ctx: Context): Promise<ReachableLevel[]> {
    return reachableLevels(ctx, args);
  }
}
