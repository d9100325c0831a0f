import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { MaybePromise } from '../../core/loaders';
import { badInput } from '../../core/errors';
import { findBySlug } from '../../core/slug-lookup';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { insightsOfLevel, insightsOfRole, levelsOfInsight, rolesOfInsight, skillsOfInsight } from './guidance.loader';
import { Insight } from './insight.entity';
import { InsightFilter } from './insight.inputs';

@Resolver(() => Insight)
export class InsightResolver extends CitedResolver(Insight, 'Insight') {
  @Query(() => Insight, { nullable: true, description: 'An insight by slug, or null.' })
  insight(@Arg('slug') slug: string, @Ctx() ctx: Context): Promise<Insight | null> {
    return findBySlug(ctx.loaders, Insight, slug);
  }

  @Query(() => [Insight], { description: 'Cited advice (tips, mistakes, challenges, fit traits...), in source order.' })
  async insights(
    @Arg('filter', () => InsightFilter, { nullable: true }) filter: InsightFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Insight[]> {
    let insights: Insight[];
    if (filter?.level) {
      const level = await findBySlug(ctx.loaders, RoleLevel, filter.level);
      if (!level) throw badInput('filter.level', `No role level has slug "${filter.level}"`);
      insights = await ctx.loaders.use(insightsOfLevel).load(level.id);
    } else if (filter?.role) {
      const role = await findBySlug(ctx.loaders, Role, filter.role);
      if (!role) throw badInput('filter.role', `No role has slug "${filter.role}"`);
      insights = await ctx.loaders.use(insightsOfRole).load(role.id);
    } else {
      insights = [...(await (await ctx.loaders.tables()).rows(Insight))];
    }
    return filter?.kind ? insights.filter((i) => i.kind === filter.kind) : insights;
  }

  @FieldResolver(() => [Role])
  roles(@Root() insight: Insight, @Ctx() ctx: Context): MaybePromise<Role[]> {
    return ctx.loaders.load(rolesOfInsight, insight.id);
  }

  @FieldResolver(() => [RoleLevel], { description: 'The levels this advice especially concerns.' })
  levels(@Root() insight: Insight, @Ctx() ctx: Context): MaybePromise<RoleLevel[]> {
    return ctx.loaders.load(levelsOfInsight, insight.id);
  }

  @FieldResolver(() => [Skill])
  skills(@Root() insight: Insight, @Ctx() ctx: Context): MaybePromise<Skill[]> {
    return ctx.loaders.load(skillsOfInsight, insight.id);
  }
}
