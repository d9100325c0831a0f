import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId } from '../../core/loaders';
import { ADVICE_KINDS, adviceForMove } from '../guidance/advice.service';
import { Insight, InsightKind } from '../guidance/insight.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { CareerTransition } from './career-transition.entity';
import { skillsToGainOf } from './transition.loader';

@Resolver(() => CareerTransition)
export class CareerTransitionResolver extends CitedResolver(CareerTransition, 'CareerTransition') {
  @FieldResolver(() => RoleLevel)
  async from(@Root() t: CareerTransition, @Ctx() ctx: Context): Promise<RoleLevel> {
    return (await ctx.loaders.use(byId(RoleLevel)).load(t.fromLevelId)) as RoleLevel;
  }

  @FieldResolver(() => RoleLevel)
  async to(@Root() t: CareerTransition, @Ctx() ctx: Context): Promise<RoleLevel> {
    return (await ctx.loaders.use(byId(RoleLevel)).load(t.toLevelId)) as RoleLevel;
  }

  @FieldResolver(() => [Skill], { description: 'Skills to build before making this move.' })
  skillsToGain(@Root() t: CareerTransition, @Ctx() ctx: Context): Promise<Skill[]> {
    return ctx.loaders.use(skillsToGainOf).load(t.id);
  }

  @FieldResolver(() => [Insight], {
    description:
      'Cited advice for making this move: what applies at the level reached (tips, mistakes, challenges, interview preparation, fit traits, or the kinds asked), then what is tied to the level left.',
  })
  async advice(
    @Root() t: CareerTransition,
    @Arg('kinds', () => [InsightKind], { nullable: true }) kinds: InsightKind[] | null,
    @Ctx() ctx: Context,
  ): Promise<Insight[]> {
    const [from, to] = await ctx.loaders.use(byId(RoleLevel)).loadMany([t.fromLevelId, t.toLevelId]);
    return adviceForMove(ctx, from as RoleLevel, to as RoleLevel, kinds ?? ADVICE_KINDS);
  }
}
