import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../core/context';
import { CareerPath, CareerPathStop } from '../paths/career-path.type';
import { RoleLevel } from '../roles/role-level.entity';
import { Role } from '../roles/role.entity';
import { PayChange } from '../salaries/pay-change.type';
import { OccupationSystem } from './occupation-codes';
import { occupationById } from './occupation.loader';
import { PayStatistic, WageChange } from './pay-statistic.type';
import { roleMappings, rolePayStatistics, wageChange } from './pay-statistics.service';
import { RoleOccupation } from './role-occupation.entity';
import { Occupation } from './occupation.entity';

@Resolver(() => Role)
export class RoleOccupationsResolver {
  @FieldResolver(() => [RoleOccupation], {
    description:
      'Standard occupation codes for this role (SOC 2018, O*NET-SOC 2019, ISCO-08), strongest match first; `system` keeps one classification.',
  })
  async occupationCodes(
    @Root() role: Role,
    @Arg('system', () => OccupationSystem, { nullable: true }) system: OccupationSystem | null,
    @Ctx() ctx: Context,
  ): Promise<RoleOccupation[]> {
    const mappings = await roleMappings(ctx, role.id);
    if (!system) return mappings;
    const occupations = await Promise.all(
      mappings.map((m) => ctx.loaders.load(occupationById, m.occupationId)),
    );
    return mappings.filter((_, i) => (occupations[i] as Occupation).system === system);
  }

  @FieldResolver(() => [PayStatistic], {
    description:
      "Published pay statistics (BLS OEWS, US national) for the SOC occupations this role maps to, strongest match first. They describe the whole occupation, not one level; the guides' bands are in salaryBands.",
  })
  payStatistics(@Root() role: Role, @Ctx() ctx: Context): Promise<PayStatistic[]> {
    return rolePayStatistics(ctx, role.id);
  }
}

@Resolver(() => RoleLevel)
export class RoleLevelPayResolver {
  @FieldResolver(() => [PayStatistic], {
    description:
      "Published pay statistics for the role's SOC occupations (the same at every level of a role: OEWS does not split by seniority), shown beside the guides' bands for the level.",
  })
  payStatistics(@Root() level: RoleLevel, @Ctx() ctx: Context): Promise<PayStatistic[]> {
    return rolePayStatistics(ctx, level.roleId);
  }
}

@Resolver(() => CareerPath)
export class CareerPathWageResolver {
  @FieldResolver(() => WageChange, {
    nullable: true,
    description:
      'How a published statistic (the median where both ends have one) changes from the start to the end, between the occupations the two roles map to best; null when the roles share an occupation or no statistic is known at both ends.',
  })
  async wageChange(@Root() path: CareerPath, @Ctx() ctx: Context): Promise<WageChange | null> {
    const [from, to] = await Promise.all([
      rolePayStatistics(ctx, path.fromLevel.roleId),
      rolePayStatistics(ctx, path.toLevel.roleId),
    ]);
    return wageChange(from, to);
  }
}

@Resolver(() => CareerPathStop)
export class CareerPathStopWageResolver {
  @FieldResolver(() => [PayStatistic], {
    description: "Published pay statistics for the occupations of the level's role.",
  })
  payStatistics(@Root() stop: CareerPathStop, @Ctx() ctx: Context): Promise<PayStatistic[]> {
    return rolePayStatistics(ctx, stop.level.roleId);
  }

  @FieldResolver(() => WageChange, {
    nullable: true,
    description:
      'How a published statistic changes from the start of the path to this stop (see CareerPath.wageChange).',
  })
  async wageChangeFromStart(
    @Root() stop: CareerPathStop,
    @Ctx() ctx: Context,
  ): Promise<WageChange | null> {
    const [from, to] = await Promise.all([
      rolePayStatistics(ctx, stop.start.roleId),
      rolePayStatistics(ctx, stop.level.roleId),
    ]);
    return wageChange(from, to);
  }
}

@Resolver(() => PayChange)
export class PayChangeComparesResolver {
  @FieldResolver(() => String, {
    description:
      "What the change compares: two of the guides' salary bands, by their labels and years.",
  })
  compares(@Root() change: PayChange): string {
    const band = (b: PayChange['from']) => `"${b.label}"${b.year ? ` (${b.year})` : ''}`;
    return `guide salary bands, ${band(change.from)} to ${band(change.to)}: the range of differences in ${change.currency} per ${change.period === 'HOURLY' ? 'hour' : 'year'}, ${change.region}`;
  }
}
