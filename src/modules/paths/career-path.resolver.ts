import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { Certification } from '../certifications/certification.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { PayChange } from '../salaries/pay-change.type';
import { bandsAtLevel, payAtLevel, payChangeBetween } from '../salaries/pay.service';
import { PayScope } from '../salaries/pay-scope';
import { SalaryBand } from '../salaries/salary-band.entity';
import { Skill } from '../skills/skill.entity';
import { Citation } from '../sources/citation.entity';
import { citationsOf } from '../sources/citation.loader';
import { CareerPath, CareerPathStop } from './career-path.type';
import { CareerPathsArgs } from './career-paths.inputs';
import { TransitionKind } from './career-transition.entity';
import { MaybePromise } from '../../core/loaders';
import { Basis } from '../../core/basis';
import { CareerStep } from './career-step.type';
import { PathTime, pathTime } from './path-time';
import {
  findCareerPath,
  findCareerPaths,
  pathCertifications,
  pathSkills,
  pathStops,
  yearCarriers,
} from './path.service';

export const INCLUDE_DIRECTIONS =
  'Also let routes take career directions: destinations the sources name without a starting level (CareerDirection). Such a step is marked DIRECTION in `route`, carries no years or pay of its own, and says the sources give no starting point. Routes with fewer directions come first. Default false: transitions only.';
export const PATH_BASIS =
  'STATED: only stated steps (transitions whose starting level the sources name, with their stated years; with includeDirections, only STATED directions); the sums stay, marked DERIVED. Null (the default): everything, each step marked with its basis.';

@Resolver(() => CareerPath)
export class CareerPathResolver {
  @Query(() => CareerPath, {
    nullable: true,
    description:
      "The quickest way from one role level to another (least total typical years, then fewest steps), or null when none exists. `from` and `to` are role level slugs; a role slug also works: as `from` it means the role's entry level, as `to` whichever of its levels is reached first. An unknown slug is a BAD_USER_INPUT error.",
  })
  careerPath(
    @Arg('from') from: string,
    @Arg('to') to: string,
    @Arg('includeDirections', () => Boolean, {
      defaultValue: false,
      description: INCLUDE_DIRECTIONS,
    })
    includeDirections: boolean,
    @Arg('basis', () => Basis, { nullable: true, description: PATH_BASIS }) basis: Basis | null,
    @Ctx() ctx: Context,
  ): MaybePromise<CareerPath | null> {
    return findCareerPath(ctx, from, to, { includeDirections, basis });
  }

  @Query(() => [CareerPath], {
    description:
      'Up to `first` distinct routes between two levels, best first (least total typical years, then fewest steps), each visiting a level at most once; `careerPath` is the first of them. Empty when no route meets the constraints.',
  })
  careerPaths(@Args() args: CareerPathsArgs, @Ctx() ctx: Context): MaybePromise<CareerPath[]> {
    const avoidKinds = [
      ...(args.avoidKinds ?? []),
      ...(args.avoidManagement ? [TransitionKind.MANAGEMENT] : []),
    ];
    return findCareerPaths(ctx, {
      from: args.from,
      to: args.to,
      first: args.first ?? 3,
      avoidKinds,
      maxYears: args.maxYears,
      via: args.via,
      includeDirections: args.includeDirections ?? false,
      basis: args.basis ?? null,
    });
  }

  @FieldResolver(() => RoleLevel)
  from(@Root() path: CareerPath): RoleLevel {
    return path.fromLevel;
  }

  @FieldResolver(() => RoleLevel)
  to(@Root() path: CareerPath): RoleLevel {
    return path.toLevel;
  }

  @FieldResolver(() => [Skill], {
    description: 'Skills to build along the way, each once, in the order they come up.',
  })
  skillsToGain(@Root() path: CareerPath, @Ctx() ctx: Context): MaybePromise<Skill[]> {
    return pathSkills(ctx, path);
  }

  @FieldResolver(() => [Certification], {
    description:
      'Certifications cited for the levels the path reaches or for the skills it builds, each once.',
  })
  certifications(@Root() path: CareerPath, @Ctx() ctx: Context): MaybePromise<Certification[]> {
    return pathCertifications(ctx, path);
  }

  @FieldResolver(() => [CareerPathStop], {
    description: 'Each level reached, with the years so far and the pay there.',
  })
  stops(@Root() path: CareerPath, @Ctx() ctx: Context): Promise<CareerPathStop[]> {
    return pathStops(ctx, path);
  }

  @FieldResolver(() => [SalaryBand], {
    description: "Pay known at the starting level (its own bands, else its role's).",
  })
  startSalaryBands(@Root() path: CareerPath, @Ctx() ctx: Context): MaybePromise<SalaryBand[]> {
    return bandsAtLevel(ctx, path.fromLevel);
  }

  @FieldResolver(() => PayScope, {
    nullable: true,
    description:
      'Whose figures startSalaryBands holds: LEVEL or ROLE (see RoleLevel.salaryBandsScope).',
  })
  async startSalaryBandsScope(
    @Root() path: CareerPath,
    @Ctx() ctx: Context,
  ): Promise<PayScope | null> {
    return (await payAtLevel(ctx, path.fromLevel)).scope;
  }

  @FieldResolver(() => PayChange, {
    nullable: true,
    description: 'Pay change from the start to the end, when comparable bands are known.',
  })
  async payChange(@Root() path: CareerPath, @Ctx() ctx: Context): Promise<PayChange | null> {
    const [start, end] = await Promise.all([
      bandsAtLevel(ctx, path.fromLevel),
      bandsAtLevel(ctx, path.toLevel),
    ]);
    return payChangeBetween(start, end);
  }

  @FieldResolver(() => PathTime, {
    nullable: true,
    description:
      "How long the path takes once the steps' typical years are combined with the experience the levels on it ask for: from an entry level, reaching a level takes at least its requirement (junior to senior back-end: more than 5 years, though the steps sum to about 3 to 6). Null when neither gives a figure. typicalYears stays the plain sum.",
  })
  async timeToReach(@Root() path: CareerPath, @Ctx() _ctx: Context): Promise<PathTime | null> {
    return pathTime(
      path.fromLevel,
      yearCarriers(path),
      path.route.map((s) => s.toLevel),
    );
  }

  @FieldResolver(() => [Citation], {
    description: "The steps' citations (transitions and directions), each source section once.",
  })
  async citations(@Root() path: CareerPath, @Ctx() ctx: Context): Promise<Citation[]> {
    const keys = path.route.map((s) =>
      s.direction
        ? (`CareerDirection:${s.direction.id}` as const)
        : (`CareerTransition:${s.transition!.id}` as const),
    );
    const lists = await ctx.loaders.use(citationsOf).loadMany(keys);
    const unique = new Map<string, Citation>();
    for (const list of lists)
      if (Array.isArray(list)) for (const c of list) unique.set(`${c.sourceId}|${c.section}`, c);
    return [...unique.values()];
  }
}

@Resolver(() => CareerStep)
export class CareerStepResolver {
  @FieldResolver(() => RoleLevel, {
    description:
      'The level the step leaves. For a direction this is where the route takes it, not a level the sources name.',
  })
  from(@Root() step: CareerStep): RoleLevel {
    return step.fromLevel;
  }

  @FieldResolver(() => RoleLevel, {
    description: "The level the step reaches (for a direction, its role's entry level).",
  })
  to(@Root() step: CareerStep): RoleLevel {
    return step.toLevel;
  }

  @FieldResolver(() => [Citation], {
    description: "The transition's or the direction's citations.",
  })
  citations(@Root() step: CareerStep, @Ctx() ctx: Context): MaybePromise<Citation[]> {
    return ctx.loaders.load(
      citationsOf,
      step.direction
        ? `CareerDirection:${step.direction.id}`
        : `CareerTransition:${step.transition!.id}`,
    );
  }
}

@Resolver(() => CareerPathStop)
export class CareerPathStopResolver {
  @FieldResolver(() => [SalaryBand], {
    description: "Pay known at the level reached (its own bands, else its role's).",
  })
  salaryBands(@Root() stop: CareerPathStop, @Ctx() ctx: Context): MaybePromise<SalaryBand[]> {
    return bandsAtLevel(ctx, stop.level);
  }

  @FieldResolver(() => PayScope, {
    nullable: true,
    description: 'Whose figures salaryBands holds: LEVEL or ROLE (see RoleLevel.salaryBandsScope).',
  })
  async salaryBandsScope(
    @Root() stop: CareerPathStop,
    @Ctx() ctx: Context,
  ): Promise<PayScope | null> {
    return (await payAtLevel(ctx, stop.level)).scope;
  }

  @FieldResolver(() => PayChange, {
    nullable: true,
    description:
      'Pay change from the start of the path to this level, when comparable bands are known.',
  })
  async payChangeFromStart(
    @Root() stop: CareerPathStop,
    @Ctx() ctx: Context,
  ): Promise<PayChange | null> {
    const [start, here] = await Promise.all([
      bandsAtLevel(ctx, stop.start),
      bandsAtLevel(ctx, stop.level),
    ]);
    return payChangeBetween(start, here);
  }
}

@Resolver(() => PathTime)
export class PathTimeResolver {
  @FieldResolver(() => RoleLevel, {
    nullable: true,
    description:
      'The level whose entry requirement set the lower bound (boundBy ENTRY_REQUIREMENT), else null.',
  })
  requirementLevel(@Root() time: PathTime): RoleLevel | null {
    return time.requirementLevel;
  }

  @FieldResolver(() => [Citation], {
    description:
      "Where the binding requirement is stated: the citations of requirementLevel (empty when the step sum bound the time; the path's citations cover the steps).",
  })
  citations(@Root() time: PathTime, @Ctx() ctx: Context): Promise<Citation[]> | Citation[] {
    return time.requirementLevel
      ? ctx.loaders.load(citationsOf, `RoleLevel:${time.requirementLevel.id}`)
      : [];
  }
}

@Resolver(() => CareerPathStop)
export class CareerPathStopTimeResolver {
  @FieldResolver(() => PathTime, {
    nullable: true,
    description:
      'The time from the start of the path to this level, bounded by entry requirements as CareerPath.timeToReach is.',
  })
  async timeToReach(@Root() stop: CareerPathStop, @Ctx() _ctx: Context): Promise<PathTime | null> {
    const path = stop.path;
    return pathTime(
      stop.start,
      yearCarriers(path).slice(0, stop.position),
      path.route.slice(0, stop.position).map((s) => s.toLevel),
    );
  }
}
