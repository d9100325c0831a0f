import { Context } from '../../core/context';
import { byId } from '../../core/loaders';
import { YearRange } from '../../core/year-range';
import { RoleLevel } from '../roles/role-level.entity';
import { bandsAtLevel, payChangeBetween } from '../salaries/pay.service';
import { TransitionKind } from './career-transition.entity';
import { resolveLevel, routeGraph, toCareerPath } from './path.service';
import { Basis } from '../../core/basis';
import { ReachableLevel } from './reachable-level.type';
import { quickestRoutesFrom } from './route-search';

export interface ReachableQuery {
  from: string;
  withinYears: number;
  avoidManagement?: boolean | null;
  first?: number | null;
  /** Let routes take career directions (marked DIRECTION); off unless asked. */
  includeDirections?: boolean | null;
  /** STATED leaves EDITORIAL directions out. */
  basis?: Basis | null;
}

/**
 * Every level reachable from `from` whose quickest route's known minimum of years fits the
 * budget. Sorted by that minimum (fewest years first), then by the pay change's upper bound
 * (highest first, unknown last), then by level name.
 */
export async function reachableLevels(
  ctx: Context,
  query: ReachableQuery,
): Promise<ReachableLevel[]> {
  const start = await resolveLevel(ctx, query.from, 'from');
  const graph = await routeGraph(ctx, query);
  const routes = quickestRoutesFrom(graph.adjacency, start.id, {
    avoidKinds: query.avoidManagement ? [TransitionKind.MANAGEMENT] : [],
  });
  const within = [...routes.entries()].filter(
    ([, r]) => (r.minYears ?? 0) <= query.withinYears + 1e-9,
  );
  const levels = await ctx.loaders.use(byId(RoleLevel)).loadMany(within.map(([id]) => id));
  const startBands = await bandsAtLevel(ctx, start);
  const found = await Promise.all(
    within.map(async ([, route], i) => {
      const level = levels[i] as RoleLevel;
      const path = await toCareerPath(ctx, graph, start, route, 1);
      return Object.assign(new ReachableLevel(), {
        level,
        path,
        typicalYears: YearRange.of(route.minYears, route.maxYears),
        stepsWithoutYears: route.stepsWithoutYears,
        payChange: payChangeBetween(startBands, await bandsAtLevel(ctx, level)),
      });
    }),
  );
  found.sort(
    (a, b) =>
      (a.typicalYears?.min ?? 0) - (b.typicalYears?.min ?? 0) ||
      (b.payChange?.max ?? -Infinity) - (a.payChange?.max ?? -Infinity) ||
      a.level.name.localeCompare(b.level.name),
  );
  return found.slice(0, query.first ?? 100);
}
