import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { byId } from '../../core/loaders';
import { all, MaybePromise, then } from '../../core/maybe-promise';
import { findBySlug } from '../../core/slug-lookup';
import { YearRange } from '../../core/year-range';
import { Certification } from '../certifications/certification.entity';
import {
  certificationsOfLevel,
  certificationsOfSkill,
} from '../certifications/certification.loader';
import { levelsOfRole } from '../roles/role.loader';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { CareerPath, CareerPathStop } from './career-path.type';
import { CareerTransition, TransitionKind } from './career-transition.entity';
import { Adjacency, adjacencyOf, kShortestRoutes, Route, sumYears } from './route-search';
import { skillsToGainOf } from './transition.loader';
import { Basis } from '../../core/basis';
import { CareerDirection } from '../directions/career-direction.entity';
import { directionIndex, NO_STARTING_POINT } from '../directions/direction.service';
import { CareerStep, CareerStepKind } from './career-step.type';
import { DIRECTION, Edge } from './route-search';

export interface PathQuery {
  from: string;
  to: string;
  first?: number;
  avoidKinds?: TransitionKind[];
  maxYears?: number | null;
  /** A role or role level slug the route must pass through. */
  via?: string | null;
  /** Let routes take career directions too (marked as such); off unless the client asks. */
  includeDirections?: boolean | null;
  /** STATED: only stated steps (no EDITORIAL direction); null or anything else: every step, each marked. */
  basis?: Basis | null;
}

/**
 * Up to `first` distinct routes between two slugs, best first (least typical years, then fewest
 * steps); an unknown slug is BAD_USER_INPUT naming its argument.
 */
export function findCareerPaths(ctx: Context, query: PathQuery): MaybePromise<CareerPath[]> {
  // at once when the graph's indexes are built (most requests), and in the same order either way
  return then(resolveLevel(ctx, query.from, 'from'), (start) =>
    then(levelsMatching(ctx, query.to, 'to'), (targets) =>
      then(query.via ? levelsMatching(ctx, query.via, 'via') : null, (via) =>
        then(routeGraph(ctx, query), (graph) => {
          const routes = kShortestRoutes(
            graph.adjacency,
            start.id,
            new Set(targets.map((l) => l.id)),
            query.first ?? 1,
            {
              avoidKinds: query.avoidKinds,
              maxYears: query.maxYears,
              via: via ? new Set(via.map((l) => l.id)) : null,
              withDirections: graph.directions.size > 0,
            },
          );
          return all(routes.map((route, i) => toCareerPath(ctx, graph, start, route, i + 1)));
        }),
      ),
    ),
  );
}

/** The quickest path between two slugs (see `careerPath` in the schema), or null when none exists. */
export function findCareerPath(
  ctx: Context,
  from: string,
  to: string,
  options: Pick<PathQuery, 'includeDirections' | 'basis'> = {},
): MaybePromise<CareerPath | null> {
  return then(findCareerPaths(ctx, { from, to, first: 1, ...options }), ([best]) => best ?? null);
}

/** Turns a route of edges into the GraphQL object, with its transitions and end level. */
export function toCareerPath(
  ctx: Context,
  graph: TransitionGraph,
  start: RoleLevel,
  route: Route,
  rank: number,
): MaybePromise<CareerPath> {
  const ids = [start.id];
  for (const e of route.steps) ids.push(e.to);
  const byLevelId = byId(RoleLevel);
  return then(all(ids.map((id) => ctx.loaders.load(byLevelId, id))), (levels) =>
    careerPathOf(graph, start, route, rank, levels as RoleLevel[]),
  );
}

function careerPathOf(
  graph: TransitionGraph,
  start: RoleLevel,
  route: Route,
  rank: number,
  levels: RoleLevel[],
): CareerPath {
  const path = new CareerPath();
  path.rank = rank;
  path.fromLevel = start;
  path.steps = route.steps
    .filter((e) => e.kind !== DIRECTION)
    .map((e) => graph.transitions.get(e.id) as CareerTransition);
  // the level of the route's end (the start's when it has no steps), as loaded with the others
  path.toLevel = levels[levels.length - 1];
  // most queries never read `route`: its steps are made when first read
  path.routeOf = () =>
    route.steps.map((e, i) => {
      const direction = directionOf(graph, e);
      const transition = direction ? null : (graph.transitions.get(e.id) as CareerTransition);
      return Object.assign(new CareerStep(), {
        position: i + 1,
        fromLevel: levels[i],
        toLevel: levels[i + 1],
        kind: direction ? CareerStepKind.DIRECTION : CareerStepKind.TRANSITION,
        basis: stepBasis(graph, e, direction),
        transition,
        direction,
        typicalYears: transition ? transition.typicalYearsQuantity : null,
        note: direction ? NO_STARTING_POINT : null,
      });
    });
  let directionSteps = 0;
  let editorial = false;
  for (const e of route.steps) {
    const direction = directionOf(graph, e);
    if (direction) directionSteps += 1;
    if (stepBasis(graph, e, direction) === Basis.EDITORIAL) editorial = true;
  }
  path.directionSteps = directionSteps;
  path.basis = editorial ? Basis.EDITORIAL : Basis.STATED;
  path.yearsBasis = Basis.DERIVED;
  path.typicalYears = YearRange.of(route.minYears, route.maxYears);
  path.stepsWithoutYears = route.stepsWithoutYears;
  return path;
}

const directionOf = (graph: TransitionGraph, e: Edge): CareerDirection | null =>
  e.kind === DIRECTION ? ((graph as RouteGraph).directions?.get(e.id) ?? null) : null;

/** A move whose starting level is a curator's choice is, as a whole, our judgement. */
const stepBasis = (graph: TransitionGraph, e: Edge, direction: CareerDirection | null): Basis =>
  direction ? direction.basis : (graph.transitions.get(e.id) as CareerTransition).startBasis;

/**
 * Every step of a path as a carrier of years, for sums: a direction carries none (no source gives
 * its time), so a sum through it keeps an open maximum.
 */
export function yearCarriers(path: CareerPath): CareerTransition[] {
  return path.route.map(
    (step) =>
      step.transition ??
      (Object.assign(new CareerTransition(), {
        id: 0,
        fromLevelId: step.fromLevel.id,
        toLevelId: step.toLevel.id,
        typicalYearsMin: null,
        typicalYearsMax: null,
        typicalYearsMinQualifier: null,
        typicalYearsMaxQualifier: null,
      }) as CareerTransition),
  );
}

/** The stops of a path: each level a transition reaches, with the years so far (a direction before it leaves the maximum open). */
export async function pathStops(ctx: Context, path: CareerPath): Promise<CareerPathStop[]> {
  const carriers = yearCarriers(path);
  return path.route.flatMap((step, i) => {
    if (!step.transition) return [];
    const sofar = sumYears(
      carriers.slice(0, i + 1).map((t) => ({
        id: t.id,
        from: t.fromLevelId,
        to: t.toLevelId,
        minYears: t.typicalYearsMin,
        maxYears: t.typicalYearsMax,
      })),
    );
    return [
      Object.assign(new CareerPathStop(), {
        position: i + 1,
        start: path.fromLevel,
        path,
        transition: step.transition,
        level: step.toLevel,
        yearsSoFar: YearRange.of(sofar.minYears, sofar.maxYears),
      }),
    ];
  });
}

/** Skills to build along a path, each once, in the order they come up. */
export function pathSkills(ctx: Context, path: CareerPath): MaybePromise<Skill[]> {
  // asked for twice when a query takes skillsToGain and certifications: worked out once
  return (path.skills ??= then(
    all(path.steps.map((s) => ctx.loaders.load(skillsToGainOf, s.id))),
    (perStep) => {
      const unique = new Map<number, Skill>();
      for (const list of perStep) for (const s of list) unique.set(s.id, s);
      return [...unique.values()];
    },
  ));
}

/** Certifications cited for the levels a path reaches or for the skills it builds, each once, by name. */
export function pathCertifications(ctx: Context, path: CareerPath): MaybePromise<Certification[]> {
  return then(pathSkills(ctx, path), (skills) =>
    then(
      all([
        ...path.steps.map((s) => ctx.loaders.load(certificationsOfLevel, s.toLevelId)),
        ...skills.map((s) => ctx.loaders.load(certificationsOfSkill, s.id)),
      ]),
      (lists) => {
        const unique = new Map<number, Certification>();
        for (const list of lists) for (const c of list) unique.set(c.id, c);
        const found = [...unique.values()];
        if (found.length < 2) return found;
        return then(certificationNameOrder(ctx), (order) => {
          const known = found.every((c) => order.has(c.name));
          return found.sort(
            known
              ? (a, b) => order.get(a.name)! - order.get(b.name)!
              : (a, b) => a.name.localeCompare(b.name),
          );
        });
      },
    ),
  );
}

/**
 * Every certification name's place in `localeCompare` order (names it deems equal share one),
 * once per graph version: comparing names with ICU took ~9 us of a careerPath request. A name
 * not in it (a certification added since) sends a request back to localeCompare.
 */
function certificationNameOrder(ctx: Context): MaybePromise<Map<string, number>> {
  return ctx.loaders.derive('certification-name-order', [Certification], async (tables) => {
    const names = [...new Set((await tables.rows(Certification)).map((c) => c.name))];
    names.sort((a, b) => a.localeCompare(b));
    const order = new Map<string, number>();
    let place = 0;
    names.forEach((name, i) => {
      if (i > 0 && names[i - 1].localeCompare(name) !== 0) place = i;
      order.set(name, place);
    });
    return order;
  });
}

/** A level slug, or a role slug meaning the role's entry level; unknown is BAD_USER_INPUT naming `argument`. */
export function resolveLevel(
  ctx: Context,
  slug: string,
  argument: string,
): MaybePromise<RoleLevel> {
  return then(levelsMatching(ctx, slug, argument), (levels) => levels[0]);
}

/** The level a slug names, or every level (entry first) of the role it names. */
export function levelsMatching(
  ctx: Context,
  slug: string,
  argument: string,
): MaybePromise<RoleLevel[]> {
  return then(findBySlug(ctx.loaders, RoleLevel, slug), (level) =>
    level
      ? [level]
      : then(findBySlug(ctx.loaders, Role, slug), (role) =>
          then(role ? ctx.loaders.load(levelsOfRole, role.id) : [], (levels) => {
            if (levels.length === 0) {
              throw badInput(
                argument,
                `"${argument}" must be a role level or role slug; nothing has slug "${slug}"`,
              );
            }
            return levels;
          }),
        ),
  );
}

export interface TransitionGraph {
  /** Search edges by the level they leave, so a search touches only the levels it expands. */
  adjacency: Adjacency;
  transitions: Map<number, CareerTransition>;
}

/** All transitions as search edges, grouped once per graph version (src/core/graph-tables.ts). */
export function transitionGraph(ctx: Context): MaybePromise<TransitionGraph> {
  return ctx.loaders.derive('transition-graph', [CareerTransition], async (tables) => {
    const rows = await tables.rows(CareerTransition);
    return {
      transitions: new Map(rows.map((t) => [t.id, t])),
      adjacency: adjacencyOf(
        rows.map((t) => ({
          id: t.id,
          from: t.fromLevelId,
          to: t.toLevelId,
          kind: t.kind,
          minYears: t.typicalYearsMin,
          maxYears: t.typicalYearsMax,
        })),
      ),
    };
  });
}

/** The transitions whose starting level a source names: what a path with basis STATED may take. */
function statedTransitionGraph(ctx: Context): MaybePromise<TransitionGraph> {
  return ctx.loaders.derive('transition-graph:stated', [CareerTransition], async () => {
    const all = await transitionGraph(ctx);
    const stated = (e: Edge) => all.transitions.get(e.id)?.startBasis !== Basis.EDITORIAL;
    const adjacency: Adjacency = new Map(
      [...all.adjacency].map(([level, edges]) => [level, edges.filter(stated)]),
    );
    return { transitions: all.transitions, adjacency };
  });
}

/** A route graph's directions when the query takes none: shared, never written to. */
const NO_DIRECTIONS = new Map<number, CareerDirection>();

/** A transition graph as a route graph without directions, made once per graph. */
function withoutDirections(base: TransitionGraph): RouteGraph {
  let graph = routeGraphs.get(base);
  if (!graph) routeGraphs.set(base, (graph = { ...base, directions: NO_DIRECTIONS }));
  return graph;
}
const routeGraphs = new WeakMap<TransitionGraph, RouteGraph>();

/** The transition graph, with career directions added when the query asks for them. */
export interface RouteGraph extends TransitionGraph {
  /** Direction edges by their (negative) edge id; empty without includeDirections. */
  directions: Map<number, CareerDirection>;
}

/**
 * The graph a path query searches: transitions, plus with `includeDirections` each career
 * direction as an edge from every level of its `from` role to the entry level of its `to` role
 * (kind DIRECTION, no years). With basis STATED, EDITORIAL directions and the transitions whose
 * starting level is a curator's choice stay out.
 */
export function routeGraph(
  ctx: Context,
  query: Pick<PathQuery, 'includeDirections' | 'basis'>,
): MaybePromise<RouteGraph> {
  const statedOnly = query.basis === Basis.STATED || query.basis === Basis.DERIVED;
  if (!query.includeDirections)
    return then(statedOnly ? statedTransitionGraph(ctx) : transitionGraph(ctx), withoutDirections);
  return ctx.loaders.derive(
    `route-graph:directions:${statedOnly ? 'stated' : 'all'}`,
    [CareerTransition, CareerDirection, RoleLevel],
    async (tables) => {
      const base = await (statedOnly ? statedTransitionGraph(ctx) : transitionGraph(ctx));
      const [{ all }, levels] = await Promise.all([
        directionIndex(ctx),
        tables.ordered(RoleLevel, 'roleId', 'rank'),
      ]);
      const byRole = new Map<number, RoleLevel[]>();
      for (const l of levels) byRole.set(l.roleId, [...(byRole.get(l.roleId) ?? []), l]);
      const directions = new Map<number, CareerDirection>();
      const adjacency = new Map<number, Edge[]>([...base.adjacency].map(([k, v]) => [k, [...v]]));
      let next = -1;
      for (const d of all) {
        if (statedOnly && d.basis !== Basis.STATED) continue;
        const entry = byRole.get(d.toRoleId)?.[0];
        if (!entry) continue;
        for (const from of byRole.get(d.fromRoleId) ?? []) {
          const edge: Edge = {
            id: next,
            from: from.id,
            to: entry.id,
            kind: DIRECTION,
            minYears: null,
            maxYears: null,
          };
          directions.set(next, d);
          next -= 1;
          adjacency.set(from.id, [...(adjacency.get(from.id) ?? []), edge]);
        }
      }
      return { transitions: base.transitions, adjacency, directions };
    },
  );
}
