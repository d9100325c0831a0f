import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { PageArgs } from '../../core/page-args';
import { connectionFromArray, connectionOfList, Connection } from '../../core/relay';
import { bySlug, MaybePromise } from '../../core/loaders';
import { both } from '../../core/maybe-promise';
import { findBySlug } from '../../core/slug-lookup';
import { certificationsOfRole } from '../certifications/certification.loader';
import { Certification } from '../certifications/certification.entity';
import { credentialsOfRole } from '../credentials/credential.loader';
import { Credential } from '../credentials/credential.entity';
import { EmployerConnection } from '../employers/employer.connection';
import { Employer } from '../employers/employer.entity';
import { AdvancementPath } from '../guidance/advancement-path.entity';
import { advancementPathsOfRole, insightsOfRole } from '../guidance/guidance.loader';
import { Insight, InsightKind } from '../guidance/insight.entity';
import { JobOutlook } from '../salaries/job-outlook.entity';
import { outlooksOfRole, salaryBandsOfRole, salaryFactorsOfRole } from '../salaries/salary.loader';
import { SalaryBand } from '../salaries/salary-band.entity';
import { figureSets, SalaryFigureSet } from '../salaries/salary-figures';
import { SalaryFactor } from '../salaries/salary-factor.entity';
import { searchIndex } from '../search/search.service';
import { roleRequirements } from '../skills/skill.loader';
import { SkillImportance, SkillRequirement } from '../skills/skill-requirement.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { RoleConnection } from './role.connection';
import { Role } from './role.entity';
import { RoleFilter } from './role.inputs';
import { employersOfRole, levelsOfRole, relatedFrom, relatedTo } from './role.loader';
import { RoleLevel } from './role-level.entity';

@Resolver(() => Role)
export class RoleResolver extends CitedResolver(Role, 'Role') {
  @Query(() => Role, {
    nullable: true,
    description: 'A role by slug (hyphens and case are forgiven), or null.',
  })
  role(@Arg('slug') slug: string, @Ctx() ctx: Context): MaybePromise<Role | null> {
    return findBySlug(ctx.loaders, Role, slug);
  }

  @Query(() => RoleConnection, {
    description: 'Roles by name, or by relevance when filter.search is given.',
  })
  roles(
    @Args({ validate: false }) page: PageArgs,
    @Arg('filter', () => RoleFilter, { nullable: true }) filter: RoleFilter | null,
    @Ctx() ctx: Context,
  ): MaybePromise<Connection<Role>> {
    if (filter?.search) return this.rolesFound(filter.search, page, ctx);
    return connectionOfList(ctx.loaders.ordered(Role, 'name'), page);
  }

  private async rolesFound(
    search: string,
    page: PageArgs,
    ctx: Context,
  ): Promise<Connection<Role>> {
    // every match, ranked: totalCount is the true count and paging reaches the last one
    const hits = await searchIndex(ctx, search, {
      types: ['Role'],
      limit: Number.MAX_SAFE_INTEGER,
    });
    const roles = await ctx.loaders.use(bySlug(Role)).loadMany(hits.map((h) => h.slug));
    return connectionFromArray(
      roles.filter((r): r is Role => r instanceof Role),
      page,
    );
  }

  @FieldResolver(() => [RoleLevel], {
    description: 'Seniority levels of this role, entry level first.',
  })
  levels(@Root() role: Role, @Ctx() ctx: Context): MaybePromise<RoleLevel[]> {
    return ctx.loaders.load(levelsOfRole, role.id);
  }

  @FieldResolver(() => [SkillRequirement], {
    description: 'Skills asked of every level of the role, most important first.',
  })
  async skills(
    @Root() role: Role,
    @Arg('importance', () => SkillImportance, { nullable: true })
    importance: SkillImportance | null,
    @Ctx() ctx: Context,
  ): Promise<SkillRequirement[]> {
    const all = await ctx.loaders.use(roleRequirements).load(role.id);
    return importance ? all.filter((r) => r.importance === importance) : all;
  }

  @FieldResolver(() => [Certification])
  certifications(@Root() role: Role, @Ctx() ctx: Context): MaybePromise<Certification[]> {
    return ctx.loaders.load(certificationsOfRole, role.id);
  }

  @FieldResolver(() => [Credential])
  credentials(@Root() role: Role, @Ctx() ctx: Context): MaybePromise<Credential[]> {
    return ctx.loaders.load(credentialsOfRole, role.id);
  }

  @FieldResolver(() => EmployerConnection, {
    description: 'Employers cited as hiring for this role, by name.',
  })
  employers(
    @Root() role: Role,
    @Args({ validate: false }) page: PageArgs,
    @Ctx() ctx: Context,
  ): MaybePromise<Connection<Employer>> {
    return connectionOfList(ctx.loaders.load(employersOfRole, role.id), page);
  }

  @FieldResolver(() => [SalaryFigureSet], {
    description:
      "The role's pay figures grouped by what they measure (SalaryBand.topic): figures for the same thing side by side, each with its qualifiers and citations, `agree` false when they differ. Nothing is merged.",
  })
  async salaryFigures(@Root() role: Role, @Ctx() ctx: Context): Promise<SalaryFigureSet[]> {
    return figureSets(await ctx.loaders.load(salaryBandsOfRole, role.id));
  }

  @FieldResolver(() => [SalaryBand], { description: 'Pay figures for the role and its levels.' })
  salaryBands(@Root() role: Role, @Ctx() ctx: Context): MaybePromise<SalaryBand[]> {
    return ctx.loaders.load(salaryBandsOfRole, role.id);
  }

  @FieldResolver(() => [Role], { description: 'Adjacent roles, in either direction.' })
  relatedRoles(@Root() role: Role, @Ctx() ctx: Context): MaybePromise<Role[]> {
    return both(
      ctx.loaders.load(relatedFrom, role.id),
      ctx.loaders.load(relatedTo, role.id),
      (from, to) => {
        const unique = new Map([...from, ...to].map((r) => [r.id, r]));
        return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
      },
    );
  }

  @FieldResolver(() => [JobOutlook], { description: 'Demand forecasts for the role.' })
  outlooks(@Root() role: Role, @Ctx() ctx: Context): MaybePromise<JobOutlook[]> {
    return ctx.loaders.load(outlooksOfRole, role.id);
  }

  @FieldResolver(() => [Insight], {
    description: 'Cited advice about the role, optionally of one kind.',
  })
  async insights(
    @Root() role: Role,
    @Arg('kind', () => InsightKind, { nullable: true }) kind: InsightKind | null,
    @Ctx() ctx: Context,
  ): Promise<Insight[]> {
    const all = await ctx.loaders.use(insightsOfRole).load(role.id);
    return kind ? all.filter((i) => i.kind === kind) : all;
  }

  @FieldResolver(() => [AdvancementPath], { description: 'Directions this role can grow in.' })
  advancementPaths(@Root() role: Role, @Ctx() ctx: Context): MaybePromise<AdvancementPath[]> {
    return ctx.loaders.load(advancementPathsOfRole, role.id);
  }

  @FieldResolver(() => [SalaryFactor], { description: 'What moves pay for this role.' })
  salaryFactors(@Root() role: Role, @Ctx() ctx: Context): MaybePromise<SalaryFactor[]> {
    return ctx.loaders.load(salaryFactorsOfRole, role.id);
  }
}
