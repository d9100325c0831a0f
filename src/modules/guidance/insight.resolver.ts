import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { PageArgs } from '../../core/page-args';
import { Connection, connectionFromArray, ConnectionType } from '../../core/relay';
import { MaybePromise } from '../../core/loaders';
import { badInput } from '../../core/errors';
import { findBySlug } from '../../core/slug-lookup';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { CitedResolver } from '../sources/cited.resolver';
import {
  insightsOfLevel,
  insightsOfRole,
  levelsOfInsight,
  rolesOfInsight,
  skillsOfInsight,
} from './guidance.loader';
import { Insight } from './insight.entity';
import { InsightFilter } from './insight.inputs';

/** insights a page at a time, with the true totalCount. */
export const InsightConnection = ConnectionType(Insight, 'Insight');

@Resolver(() => Insight)
export class InsightResolver extends CitedResolver(Insight, 'Insight') {
  @Query(() => InsightConnection, {
    description:
      'Cited advice as `insights` gives it (same filter), a page at a time with the true totalCount.',
  })
  async insightsConnection(
    @Args({ validate: false }) page: PageArgs,
    @Arg('filter', () => InsightFilter, { nullable: true }) filter: InsightFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Insight>> {
    return connectionFromArray(await this.insights(filter, ctx), page);
  }

  @Query(() => Insight, { nullable: true, description: 'An insight by slug, or null.' })
  insight(@Arg('slug') slug: string, @Ctx() ctx: Context): MaybePromise<Insight | null> {
    return findBySlug(ctx.loaders, Insight, slug);
  }

  @Query(() => [Insight], {
    description:
      'Cited advice (tips, mistakes, challenges, fit traits...), in source order: the first `first` (100 at most); insightsConnection pages through them all.',
  })
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
