import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { byId, MaybePromise } from '../../core/loaders';
import { findBySlug } from '../../core/slug-lookup';
import { Certification } from '../certifications/certification.entity';
import { certificationsOfLevel } from '../certifications/certification.loader';
import { ADVICE_KINDS, adviceForLevel } from '../guidance/advice.service';
import { insightsOfLevel } from '../guidance/guidance.loader';
import { Insight, InsightKind } from '../guidance/insight.entity';
import { CareerTransition } from '../paths/career-transition.entity';
import { transitionsFrom, transitionsTo } from '../paths/transition.loader';
import { SalaryBand } from '../salaries/salary-band.entity';
import { figureSets, SalaryFigureSet } from '../salaries/salary-figures';
import { bandsAtLevel, payAtLevel } from '../salaries/pay.service';
import { PayScope } from '../salaries/pay-scope';
import { requirementsOfLevel } from '../skills/skill.loader';
import { SkillRequirement } from '../skills/skill-requirement.entity';
import { CitedResolver } from '../sources/cited.resolver';
import { Role } from './role.entity';
import { RoleLevel } from './role-level.entity';

@Resolver(() => RoleLevel)
export class RoleLevelResolver extends CitedResolver(RoleLevel, 'RoleLevel') {
  @Query(() => RoleLevel, {
    nullable: true,
    description: 'A role level by slug (hyphens and case are forgiven), or null.',
  })
  roleLevel(@Arg('slug') slug: string, @Ctx() ctx: Context): MaybePromise<RoleLevel | null> {
    return findBySlug(ctx.loaders, RoleLevel, slug);
  }

  @FieldResolver(() => Role)
  role(@Root() level: RoleLevel, @Ctx() ctx: Context): MaybePromise<Role> {
    return ctx.loaders.load(byId(Role), level.roleId) as MaybePromise<Role>;
  }

  @FieldResolver(() => [SkillRequirement], {
    description:
      "Skills this level asks for: its own, then the role's that it does not override; most important first.",
  })
  skills(@Root() level: RoleLevel, @Ctx() ctx: Context): MaybePromise<SkillRequirement[]> {
    return ctx.loaders.load(requirementsOfLevel, level.id);
  }

  @FieldResolver(() => [SalaryBand], {
    description:
      "Pay at this level: the figures stated for it, else those for its whole role (salaryBandsScope says which); the same bands as a career path's stop here.",
  })
  salaryBands(@Root() level: RoleLevel, @Ctx() ctx: Context): MaybePromise<SalaryBand[]> {
    return bandsAtLevel(ctx, level);
  }

  @FieldResolver(() => [SalaryFigureSet], {
    description:
      'The bands of salaryBands grouped by what they measure: figures for the same thing side by side, none merged or preferred.',
  })
  async salaryFigures(@Root() level: RoleLevel, @Ctx() ctx: Context): Promise<SalaryFigureSet[]> {
    return figureSets(await bandsAtLevel(ctx, level));
  }

  @FieldResolver(() => PayScope, {
    nullable: true,
    description:
      "Whose figures salaryBands holds: LEVEL (this level's own) or ROLE (its role's, as none is stated for the level); null when there are none.",
  })
  async salaryBandsScope(@Root() level: RoleLevel, @Ctx() ctx: Context): Promise<PayScope | null> {
    return (await payAtLevel(ctx, level)).scope;
  }

  @FieldResolver(() => [CareerTransition], { description: 'Moves out of this level.' })
  nextSteps(@Root() level: RoleLevel, @Ctx() ctx: Context): MaybePromise<CareerTransition[]> {
    return ctx.loaders.load(transitionsFrom, level.id);
  }

  @FieldResolver(() => [CareerTransition], { description: 'Moves into this level.' })
  previousSteps(@Root() level: RoleLevel, @Ctx() ctx: Context): MaybePromise<CareerTransition[]> {
    return ctx.loaders.load(transitionsTo, level.id);
  }

  @FieldResolver(() => [Certification], {
    description: 'Certifications cited as suiting this level.',
  })
  certifications(@Root() level: RoleLevel, @Ctx() ctx: Context): MaybePromise<Certification[]> {
    return ctx.loaders.load(certificationsOfLevel, level.id);
  }

  @FieldResolver(() => [Insight], {
    description: 'Cited advice that concerns this level, optionally of one kind.',
  })
  async insights(
    @Root() level: RoleLevel,
    @Arg('kind', () => InsightKind, { nullable: true }) kind: InsightKind | null,
    @Ctx() ctx: Context,
  ): Promise<Insight[]> {
    const all = await ctx.loaders.use(insightsOfLevel).load(level.id);
    return kind ? all.filter((i) => i.kind === kind) : all;
  }

  @FieldResolver(() => [Insight], {
    description:
      'Cited advice for someone at this level: tips, best practices, common mistakes, challenges, interview preparation and fit traits (or the kinds asked), those tied to this level first, then those about its whole role.',
  })
  advice(
    @Root() level: RoleLevel,
    @Arg('kinds', () => [InsightKind], { nullable: true }) kinds: InsightKind[] | null,
    @Ctx() ctx: Context,
  ): Promise<Insight[]> {
    return adviceForLevel(ctx, level, kinds ?? ADVICE_KINDS);
  }
}
