import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../../core/context';
import { RoleMatch } from './role-match.type';
import { RoleMatchesArgs } from './role-match.inputs';
import { matchRoles } from './role-match.service';

@Resolver(() => RoleMatch)
export class RoleMatchResolver {
  @Query(() => [RoleMatch], {
    description:
      'Role levels ranked by how much of their REQUIRED (weight 3) and RECOMMENDED (weight 1) skills the person holds, best first, with what each lacks: the reverse of skillGap.',
  })
  roleMatches(
    @Args() { have, first, basis }: RoleMatchesArgs,
    @Ctx() ctx: Context,
  ): Promise<RoleMatch[]> {
    return matchRoles(ctx, have, first ?? 10, basis ?? null);
  }
}
