import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId, MaybePromise } from '../../core/loaders';
import { ADVICE_KINDS, adviceForMove } from '../guidance/advice.service';
import { Insight, InsightKind } from '../guidance/insight.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { CareerTransition } from './career-transition.entity';
import { transitionGlobalId } from '../nodes/composite-ids';
import { skillsToGainOf } from './transition.loader';

@Resolver(() => CareerTransition)
export class CareerTransitionResolver extends CitedResolver(CareerTransition, 'CareerTransition') {
  @FieldResolver(() => ID, {
    name: 'id',
    description:
      "Opaque global id, made of the two levels' slugs; stable across reloads of the same data.",
  })
  globalId(@Root() t: CareerTransition, @Ctx() ctx: Context): MaybePromise<string> {
    return transitionGlobalId(ctx, t);
  }

  @FieldResolver(() => RoleLevel)
  from(@Root() t: CareerTransition, @Ctx() ctx: Context): MaybePromise<RoleLevel> {
    return ctx.loaders.load(byId(RoleLevel), t.fromLevelId) as MaybePromise<RoleLevel>;
  }

  @FieldResolver(() => RoleLevel)
  to(@Root() t: CareerTransition, @Ctx() ctx: Context): MaybePromise<RoleLevel> {
    return ctx.loaders.load(byId(RoleLevel), t.toLevelId) as MaybePromise<RoleLevel>;
  }

  @FieldResolver(() => [Skill], { description: 'Skills to build before making this move.' })
  skillsToGain(@Root() t: CareerTransition, @Ctx() ctx: Context): MaybePromise<Skill[]> {
    return ctx.loaders.load(skillsToGainOf, t.id);
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
    const [from, to] = await ctx.loaders
      .use(byId(RoleLevel))
      .loadMany([t.fromLevelId, t.toLevelId]);
    return adviceForMove(ctx, from as RoleLevel, to as RoleLevel, kinds ?? ADVICE_KINDS);
  }
}
