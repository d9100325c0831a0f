import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../../core/context';
import { LevelComparison } from './level-comparison.type';
import { CompareLevelsArgs } from './level-comparison.inputs';
import { compareLevels } from './level-comparison.service';

@Resolver(() => LevelComparison)
export class LevelComparisonResolver {
  @Query(() => LevelComparison, {
    description:
      'Two to five role levels side by side, shaped for a comparison table; an unknown slug is BAD_USER_INPUT naming `slugs`.',
  })
  compareLevels(
    @Args() { slugs, basis }: CompareLevelsArgs,
    @Ctx() ctx: Context,
  ): Promise<LevelComparison> {
    return compareLevels(ctx, slugs, basis ?? null);
  }
}
