import { Context } from '../../core/context';
import { badInput } from '../../core/errors';
import { findBySlug } from '../../core/slug-lookup';
import { levelsOfRole } from '../roles/role.loader';
import { Role } from '../roles/role.entity';
import { RoleLevel } from '../roles/role-level.entity';
import { CareerTransition } from './career-transition.entity';
import { Edge } from './path-search';

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
  edges: Edge[];
  transitions: Map<number, CareerTransition>;
}

const graphs = new WeakMap<Context, Promise<TransitionGraph>>();

/** All transitions as search edges, read once per request. */
export function transitionGraph(ctx: Context): Promise<TransitionGraph> {
  let graph = graphs.get(ctx);
  if (!graph) {
    graph = ctx.db
      .getRepository(CareerTransition)
      .find({ order: { id: 'ASC' } })
      .then((rows) => ({
        transitions: new Map(rows.map((t) => [t.id, t])),
        edges: rows.map((t) => ({ id: t.id, from: t.fromLevelId, to: t.toLevelId, minYears: t.typicalYearsMin, maxYears: t.typicalYearsMax })),
      }));
    graphs.set(ctx, graph);
  }
  return graph;
}
