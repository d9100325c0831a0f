import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { byId } from '../../core/loaders';
import { findBySlug } from '../../core/slug-lookup';
import { YearRange } from '../../core/year-range';
import { Certification } from '../certifications/certification.entity';
import { certificationsOfLevel, certificationsOfSkill } from '../certifications/certification.loader';
import { levelsOfRole } from '../roles/role.loader';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { Skill } from '../skills/skill.entity';
import { CareerPath, CareerPathStop } from './career-path.type';
import { CareerTransition, TransitionKind } from './career-transition.entity';
import { Adjacency, adjacencyOf, kShortestRoutes, Route, sumYears } from './route-search';
import { skillsToGainOf } from './transition.loader';

export interface PathQuery {
  from: string;
  to: string;
  first?: number;
  avoidKinds?: TransitionKind[];
  maxYears?: number | null;
  /** A role or role level slug the route must pass through. */
  via?: string | null;
}

/**
 * Up to `first` distinct routes between two slugs, best first (least typical years, then fewest
 * steps); an unknown slug is BAD_USER_INPUT naming its argument.
 */
export async function findCareerPaths(ctx: Context, query: PathQuery): Promise<CareerPath[]> {
  const start = await resolveLevel(ctx, query.from, 'from');
  const targets = await levelsMatching(ctx, query.to, 'to');
  const via = query.via ? await levelsMatching(ctx, query.via, 'via') : null;
  const graph = await transitionGraph(ctx);
  const routes = kShortestRoutes(graph.adjacency, start.id, new Set(targets.map((l) => l.id)), query.first ?? 1, {
    avoidKinds: query.avoidKinds,
    maxYears: query.maxYears,
    via: via ? new Set(via.map((l) => l.id)) : null,
  });
  return Promise.all(routes.map((route, i) => toCareerPath(ctx, graph, start, route, i + 1)));
}

/** The quickest path between two slugs (see `careerPath` in the schema), or null when none exists. */
export async function findCareerPath(ctx: Context, from: string, to: string): Promise<CareerPath | null> {
  const [best] = await findCareerPaths(ctx, { from, to, first: 1 });
  return best ?? null;
}

/** Turns a route of edges into the GraphQL object, with its transitions and end level. */
export async function toCareerPath(ctx: Context, graph: TransitionGraph, start: RoleLevel, route: Route, rank: number): Promise<CareerPath> {
  const path = new CareerPath();
  path.rank = rank;
  path.fromLevel = start;
  path.steps = route.steps.map((e) => graph.transitions.get(e.id) as CareerTransition);
  const end = route.steps.length ? route.steps[route.steps.length - 1].to : start.id;
  path.toLevel = (await ctx.loaders.use(byId(RoleLevel)).load(end)) as RoleLevel;
  path.typicalYears = YearRange.of(route.minYears, route.maxYears);
  path.stepsWithoutYears = route.stepsWithoutYears;
  return path;
}

/** The stops of a path: each level reached with the years so far. */
export async function pathStops(ctx: Context, path: CareerPath): Promise<CareerPathStop[]> {
  const levels = await ctx.loaders.use(byId(RoleLevel)).loadMany(path.steps.map((s) => s.toLevelId));
  return path.steps.map((transition, i) => {
    const sofar = sumYears(
      path.steps.slice(0, i + 1).map((t) => ({ id: t.id, from: t.fromLevelId, to: t.toLevelId, minYears: t.typicalYearsMin, maxYears: t.typicalYearsMax })),
    );
    return Object.assign(new CareerPathStop(), {
      position: i + 1,
      start: path.fromLevel,
      path,
      transition,
      level: levels[i] as RoleLevel,
      yearsSoFar: YearRange.of(sofar.minYears, sofar.maxYears),
    });
  });
}

/** Skills to build along a path, each once, in the order they come up. */
export async function pathSkills(ctx: Context, path: CareerPath): Promise<Skill[]> {
  const perStep = await ctx.loaders.use(skillsToGainOf).loadMany(path.steps.map((s) => s.id));
  const unique = new Map<number, Skill>();
  for (const skills of perStep) if (Array.isArray(skills)) for (const s of skills) unique.set(s.id, s);
  return [...unique.values()];
}

/** Certifications cited for the levels a path reaches or for the skills it builds, each once, by name. */
export async function pathCertifications(ctx: Context, path: CareerPath): Promise<Certification[]> {
  const skills = await pathSkills(ctx, path);
  const [byLevel, bySkill] = await Promise.all([
    ctx.loaders.use(certificationsOfLevel).loadMany(path.steps.map((s) => s.toLevelId)),
    ctx.loaders.use(certificationsOfSkill).loadMany(skills.map((s) => s.id)),
  ]);
  const unique = new Map<number, Certification>();
  for (const list of [...byLevel, ...bySkill]) if (Array.isArray(list)) for (const c of list) unique.set(c.id, c);
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A level slug, or a role slug meaning the role's entry level; unknown is BAD_USER_INPUT naming `argument`. */
export async function resolveLevel(ctx: Context, slug: string, argument: string): Promise<RoleLevel> {
  const levels = await levelsMatching(ctx, slug, argument);
  return levels[0];
}

/** The level a slug names, or every level (entry first) of the role it names. */
export async function levelsMatching(ctx: Context, slug: string, argument: string): Promise<RoleLevel[]> {
  const level = await findBySlug(ctx.loaders, RoleLevel, slug);
  if (level) return [level];
  const role = await findBySlug(ctx.loaders, Role, slug);
  const levels = role ? await ctx.loaders.use(levelsOfRole).load(role.id) : [];
  if (levels.length === 0) {
    throw badInput(argument, `"${argument}" must be a role level or role slug; nothing has slug "${slug}"`);
  }
  return levels;
}

export interface TransitionGraph {
  /** Search edges by the level they leave, so a search touches only the levels it expands. */
  adjacency: Adjacency;
  transitions: Map<number, CareerTransition>;
}

/** All transitions as search edges, grouped once per graph version (src/core/graph-tables.ts). */
export async function transitionGraph(ctx: Context): Promise<TransitionGraph> {
  const tables = await ctx.loaders.tables();
  return tables.derive('transition-graph', [CareerTransition], async () => {
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
