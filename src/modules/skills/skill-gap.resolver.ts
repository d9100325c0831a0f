import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Context } from '../../core/context';
import { MaybePromise } from '../../core/maybe-promise';
import { computeSkillGap } from './skill-gap.service';
import { SkillGap } from './skill-gap.type';
import { SkillGapArgs } from './skill-gap.inputs';

@Resolver(() => SkillGap)
export class SkillGapResolver {
  @Query(() => SkillGap, {
    description:
      'What a person with the skills in `have` (slugs, names or aliases, any case) lacks for the role level `target` (a role slug means its entry level).',
  })
  skillGap(
    @Args() { target, have, basis }: SkillGapArgs,
    @Ctx() ctx: Context,
  ): MaybePromise<SkillGap> {
    return computeSkillGap(ctx, target, have, basis ?? null);
  }
}
