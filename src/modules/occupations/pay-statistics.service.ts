import { Context } from '../../core/context';
import { MATCH_STRENGTH, OccupationSystem } from './occupation-codes';
import { Occupation } from './occupation.entity';
import { mappingsOfRole, occupationById, wagesOfOccupation } from './occupation.loader';
import { PayStatistic, WageChange } from './pay-statistic.type';
import { STATISTIC_WORDS, WageStatisticKind } from './wage-statistic.entity';
import { RoleOccupation } from './role-occupation.entity';

const STATISTIC_ORDER: WageStatisticKind[] = [
  WageStatisticKind.MEDIAN,
  WageStatisticKind.MEAN,
  WageStatisticKind.P10,
  WageStatisticKind.P25,
  WageStatisticKind.P75,
  WageStatisticKind.P90,
];
const rank = (s: WageStatisticKind) => STATISTIC_ORDER.indexOf(s);

/** A role's mappings, strongest match first, then by system and code. */
export async function roleMappings(ctx: Context, roleId: number): Promise<RoleOccupation[]> {
  const mappings = [...(await ctx.loaders.load(mappingsOfRole, roleId))];
  const occupations = await Promise.all(
    mappings.map((m) => ctx.loaders.load(occupationById, m.occupationId)),
  );
  const occupationOf = new Map(mappings.map((m, i) => [m.id, occupations[i] as Occupation]));
  return mappings.sort((a, b) => {
    const [x, y] = [occupationOf.get(a.id) as Occupation, occupationOf.get(b.id) as Occupation];
    return (
      MATCH_STRENGTH[a.match] - MATCH_STRENGTH[b.match] ||
      (x.system < y.system ? -1 : x.system > y.system ? 1 : 0) ||
      (x.code < y.code ? -1 : 1)
    );
  });
}

/**
 * The published statistics for every SOC 2018 occupation a role is mapped to (OEWS publishes by
 * SOC code), strongest match first, then median, mean and the percentiles, newest year first.
 */
export async function rolePayStatistics(ctx: Context, roleId: number): Promise<PayStatistic[]> {
  const out: PayStatistic[] = [];
  for (const mapping of await roleMappings(ctx, roleId)) {
    const occupation = (await ctx.loaders.load(occupationById, mapping.occupationId)) as Occupation;
    if (occupation.system !== OccupationSystem.SOC_2018) continue;
    const wages = [...(await ctx.loaders.load(wagesOfOccupation, occupation.id))].sort(
      (a, b) => rank(a.statistic) - rank(b.statistic) || (b.year ?? 0) - (a.year ?? 0),
    );
    out.push(...wages.map((w) => PayStatistic.of(mapping.match, occupation, w)));
  }
  return out;
}

/**
 * The change in one statistic between two roles' best-matched figures: the same statistic in the
 * same currency, period and region at both ends, preferring a shared reference year, then the
 * median over the mean and the percentiles, then the newer year. Null when no such pair exists
 * or both ends are the same occupation (its figure does not tell levels or roles apart).
 */
export function wageChange(from: PayStatistic[], to: PayStatistic[]): WageChange | null {
  const best = (list: PayStatistic[]) => list.filter((s) => s.match === list[0]?.match);
  const pairs: [PayStatistic, PayStatistic][] = [];
  for (const a of best(from))
    for (const b of best(to)) {
      if (
        a.statistic !== b.statistic ||
        a.currency !== b.currency ||
        a.period !== b.period ||
        a.region !== b.region
      )
        continue;
      if (a.occupation.id === b.occupation.id) continue;
      pairs.push([a, b]);
    }
  const sameYear = ([a, b]: [PayStatistic, PayStatistic]) => a.year != null && a.year === b.year;
  pairs.sort(
    (p, q) =>
      Number(sameYear(q)) - Number(sameYear(p)) ||
      rank(p[0].statistic) - rank(q[0].statistic) ||
      Math.min(q[0].year ?? 0, q[1].year ?? 0) - Math.min(p[0].year ?? 0, p[1].year ?? 0),
  );
  const pair = pairs[0];
  if (!pair) return null;
  const [a, b] = pair;
  const years = sameYear(pair)
    ? `both ${a.referencePeriod}`
    : `${a.referencePeriod} against ${b.referencePeriod}`;
  return Object.assign(new WageChange(), {
    statistic: a.statistic,
    compares: `${STATISTIC_WORDS[a.statistic]} wage, ${a.occupation.code} ${a.occupation.title} to ${b.occupation.code} ${b.occupation.title} (${years}; ${a.publisher})`,
    difference: b.amount - a.amount,
    sameYear: sameYear(pair),
    from: a,
    to: b,
  });
}
