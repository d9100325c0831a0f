/**
 * Career routes over the transition graph, as pure functions so they can be tested on hand-made
 * graphs. Routes are ordered by fewest career directions (edges of kind DIRECTION, which the
 * sources give no starting level or time for), then least total typical years, then fewest steps:
 * without directions in the graph that is years, then steps. A step whose years
 * no source gives counts as 0 years in that ordering; its total is then only a lower bound, and
 * the route says so (`stepsWithoutYears`, an open `maxYears`). Years are summed as ranges, min
 * and max apart.
 */
import { Cost, EPS, Heap, SlotHeap } from './route-heaps';

export interface Edge {
  id: number;
  from: number;
  to: number;
  kind?: string;
  minYears: number | null;
  maxYears: number | null;
}

export interface Route {
  steps: Edge[];
  /** Sum of the steps' minimum years (steps without figures add nothing); null when no step has one. */
  minYears: number | null;
  /** Sum of the steps' maximum years, or null when any step has no known maximum. */
  maxYears: number | null;
  /** Steps whose years no source states. */
  stepsWithoutYears: number;
}

export interface RouteConstraints {
  /** Transition kinds a route must not use (e.g. MANAGEMENT). */
  avoidKinds?: string[];
  /** Routes whose known minimum years exceed this are left out. */
  maxYears?: number | null;
  /** When given, a route must visit at least one of these nodes (start and end count). */
  via?: Set<number> | null;
  /** The graph holds DIRECTION edges: a later route may then have fewer years (and more directions). */
  withDirections?: boolean;
}

/** The kind of a search edge that is a career direction, not a transition. */
export const DIRECTION = 'DIRECTION';

const less = (a: Cost, b: Cost) =>
  a[0] < b[0] ||
  (a[0] === b[0] && (a[1] < b[1] - EPS || (Math.abs(a[1] - b[1]) <= EPS && a[2] < b[2])));
const add = (a: Cost, e: Edge): Cost => [
  a[0] + (e.kind === DIRECTION ? 1 : 0),
  a[1] + (e.minYears ?? 0),
  a[2] + 1,
];
const ZERO: Cost = [0, 0, 0];

/** Sums steps' years as ranges, min and max apart. */
export function sumYears(steps: Edge[]): Omit<Route, 'steps'> {
  let min = 0;
  let max: number | null = 0;
  let unknown = 0;
  for (const s of steps) {
    if (s.minYears == null && s.maxYears == null) unknown += 1;
    min += s.minYears ?? 0;
    max = max == null || s.maxYears == null ? null : max + s.maxYears;
  }
  const anyFigure = steps.length === 0 || unknown < steps.length;
  return { minYears: anyFigure ? min : null, maxYears: max, stepsWithoutYears: unknown };
}

/** Edges grouped by the level they leave, each group in the order given. */
export type Adjacency = Map<number, Edge[]>;

/** Groups edges by the level they leave: build it once per graph and share it between searches. */
export function adjacencyOf(edges: Edge[]): Adjacency {
  const out: Adjacency = new Map();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  return out;
}

const asAdjacency = (graph: Edge[] | Adjacency): Adjacency =>
  graph instanceof Map ? graph : adjacencyOf(graph);

interface Move {
  edge: Edge;
  to: number;
  /** `to`'s slot in the search's scratch arrays (see `slotOf`). */
  slot: number;
}

/**
 * The search graph: each level appears twice, before (layer 0) and after (layer 1) the route has
 * passed the `via` set, so "must pass through" becomes plain reachability of layer 1. Without a
 * `via`, everything lives in layer 1. Routes end at the first target they reach. A node's moves
 * are mapped into layers when the search first expands it, so the rest of the graph costs nothing.
 */
interface Layered {
  moves: (node: number) => Move[];
  start: number;
  isTarget: (node: number) => boolean;
  /** A node's place in dense arrays: its level's number in the adjacency, times 2, plus its layer. */
  slotOf: (node: number) => number;
  /** How many slots there are. */
  slots: number;
}

const key = (node: number, layer: 0 | 1) => node * 2 + layer;
const nodeOf = (k: number) => Math.floor(k / 2);
const layerOf = (k: number) => (k % 2) as 0 | 1;

/**
 * What searches over one adjacency (one per graph version) share: each level numbered densely
 * (a level in no edge, which only a start can be, takes the number after the last), and each
 * level's moves within layer 1 when no kind is avoided, which most searches expand.
 */
interface Shared {
  dense: Map<number, number>;
  plainMoves: Map<number, Move[]>;
}
const sharedOf = new WeakMap<Adjacency, Shared>();

function shared(adjacency: Adjacency): Shared {
  let out = sharedOf.get(adjacency);
  if (!out) {
    const dense = new Map<number, number>();
    for (const [from, edges] of adjacency) {
      if (!dense.has(from)) dense.set(from, dense.size);
      for (const e of edges) if (!dense.has(e.to)) dense.set(e.to, dense.size);
    }
    sharedOf.set(adjacency, (out = { dense, plainMoves: new Map() }));
  }
  return out;
}

function layered(
  adjacency: Adjacency,
  start: number,
  targets: Set<number>,
  c: RouteConstraints,
): Layered {
  const avoid = c.avoidKinds?.length ? new Set(c.avoidKinds) : NO_KINDS;
  const via = c.via ?? null;
  const layerAfter = (node: number, layer: 0 | 1): 0 | 1 =>
    layer === 1 || !via || via.has(node) ? 1 : 0;
  const isTarget = (k: number) => layerOf(k) === 1 && targets.has(nodeOf(k));
  const { dense, plainMoves } = shared(adjacency);
  const slotOf = (k: number) => (dense.get(nodeOf(k)) ?? dense.size) * 2 + layerOf(k);
  const NONE: Move[] = [];
  // Yen's algorithm expands the same nodes many times
  const expanded = avoid.size === 0 && !via ? plainMoves : new Map<number, Move[]>();
  const moves = (k: number): Move[] => {
    // A route ends where it first reaches a target.
    if (isTarget(k)) return NONE;
    let out = expanded.get(k);
    if (!out) {
      const layer = layerOf(k);
      out = (adjacency.get(nodeOf(k)) ?? [])
        .filter((e) => !e.kind || !avoid.has(e.kind))
        .map((edge) => {
          const to = key(edge.to, layerAfter(edge.to, layer));
          return { edge, to, slot: slotOf(to) };
        });
      expanded.set(k, out);
    }
    return out;
  };
  return {
    moves,
    start: key(start, layerAfter(start, 0)),
    isTarget,
    slotOf,
    slots: (dense.size + 1) * 2,
  };
}

/**
 * A search's working arrays, by slot, reused from search to search (a search runs to its end
 * without yielding): an entry counts only when its stamp is the current search's.
 */
const scratch = {
  search: 0,
  reached: new Int32Array(0),
  done: new Int32Array(0),
  directions: new Float64Array(0),
  years: new Float64Array(0),
  steps: new Float64Array(0),
  node: new Float64Array(0),
  from: new Int32Array(0),
  edge: [] as Edge[],
  heap: new SlotHeap(),
};

/** Starts a search over `slots` slots: the stamp it marks its entries with. */
function newSearch(slots: number): number {
  if (scratch.reached.length < slots || scratch.search >= 0x7fffffff) {
    const n = Math.max(slots, scratch.reached.length * 2);
    scratch.reached = new Int32Array(n);
    scratch.done = new Int32Array(n);
    scratch.directions = new Float64Array(n);
    scratch.years = new Float64Array(n);
    scratch.steps = new Float64Array(n);
    scratch.node = new Float64Array(n);
    scratch.from = new Int32Array(n);
    scratch.edge = new Array<Edge>(n);
    scratch.search = 0;
  }
  scratch.heap.clear();
  return ++scratch.search;
}

/** Dijkstra on (years, steps) from `start` to the first target, avoiding blocked nodes and edges. */
function quickest(
  g: Layered,
  start: number,
  base: Cost,
  blockedNodes: ReadonlySet<number>,
  blockedEdges: ReadonlySet<string>,
) {
  const stamp = newSearch(g.slots);
  const {
    reached,
    done,
    directions: bd,
    years: by,
    steps: bs,
    node: keyAt,
    from,
    edge: via,
  } = scratch;
  const heap = scratch.heap;
  const checkNodes = blockedNodes.size > 0;
  const checkEdges = blockedEdges.size > 0;
  const startSlot = g.slotOf(start);
  reached[startSlot] = stamp;
  bd[startSlot] = base[0];
  by[startSlot] = base[1];
  bs[startSlot] = base[2];
  keyAt[startSlot] = start;
  heap.push(base[0], base[1], base[2], startSlot);
  while (heap.size) {
    const slot = heap.pop();
    if (done[slot] === stamp) continue;
    done[slot] = stamp;
    const node = keyAt[slot];
    const [directions, years, steps] = heap.top;
    if (g.isTarget(node)) {
      const path: { edge: Edge; node: number }[] = [];
      for (let at = slot; at !== startSlot; at = from[at])
        path.push({ edge: via[at], node: keyAt[at] });
      path.reverse();
      return { cost: [directions, years, steps] as Cost, steps: path };
    }
    for (const { edge, to, slot: next } of g.moves(node)) {
      if (checkNodes && blockedNodes.has(to)) continue;
      if (checkEdges && blockedEdges.has(`${node}>${edge.id}`)) continue;
      // add(cost, edge) and less(next, known), without a tuple per edge
      const d = directions + (edge.kind === DIRECTION ? 1 : 0);
      const y = years + (edge.minYears ?? 0);
      const s = steps + 1;
      if (
        reached[next] !== stamp ||
        d < bd[next] ||
        (d === bd[next] && (y < by[next] - EPS || (Math.abs(y - by[next]) <= EPS && s < bs[next])))
      ) {
        reached[next] = stamp;
        bd[next] = d;
        by[next] = y;
        bs[next] = s;
        keyAt[next] = to;
        from[next] = slot;
        via[next] = edge;
        heap.push(d, y, s, next);
      }
    }
  }
  return null;
}

interface Candidate {
  cost: Cost;
  /** Layered node keys visited, start first. */
  nodes: number[];
  edges: Edge[];
}

/**
 * Up to `k` distinct routes from `start` to any of `targets`, best first (Yen's algorithm over the
 * layered graph). A route never visits a level twice. A start that is itself a target gives just
 * the empty route. `graph` is the edges, or their `adjacencyOf` when one graph serves many searches.
 */
export function kShortestRoutes(
  graph: Edge[] | Adjacency,
  start: number,
  targets: Set<number>,
  k: number,
  constraints: RouteConstraints = {},
): Route[] {
  const g = layered(asAdjacency(graph), start, targets, constraints);
  const first = quickest(g, g.start, ZERO, NO_NODES, NO_EDGES);
  if (!first) return [];
  const accepted: Candidate[] = [
    {
      cost: first.cost,
      nodes: [g.start, ...first.steps.map((s) => s.node)],
      edges: first.steps.map((s) => s.edge),
    },
  ];
  const results: Candidate[] = [];
  const maxYears = constraints.maxYears ?? null;

  const accept = (c: Candidate) => {
    const levels = c.nodes.map(nodeOf);
    if (new Set(levels).size !== levels.length) return; // visits a level twice across layers
    if (maxYears != null && c.cost[1] > maxYears + EPS) return;
    results.push(c);
  };
  accept(accepted[0]);
  if (results.length >= k) return results.map(toRoute); // most asks: the quickest route alone
  const pending = new Heap<Candidate>();
  const seen = new Set<string>([signature(accepted[0])]);

  while (results.length < k) {
    const last = accepted[accepted.length - 1];
    for (let i = 0; i < last.edges.length; i += 1) {
      const spur = last.nodes[i];
      const rootNodes = last.nodes.slice(0, i + 1);
      const rootEdges = last.edges.slice(0, i);
      const blockedEdges = new Set<string>();
      for (const p of accepted) {
        if (p.nodes.length > i && sameRoot(p, rootNodes, rootEdges))
          blockedEdges.add(`${spur}>${p.edges[i].id}`);
      }
      const blockedNodes = new Set(rootNodes.slice(0, -1));
      const rootCost = rootEdges.reduce<Cost>(add, ZERO);
      const tail = quickest(g, spur, rootCost, blockedNodes, blockedEdges);
      if (!tail) continue;
      const candidate: Candidate = {
        cost: tail.cost,
        nodes: [...rootNodes, ...tail.steps.map((s) => s.node)],
        edges: [...rootEdges, ...tail.steps.map((s) => s.edge)],
      };
      const sig = signature(candidate);
      if (!seen.has(sig)) {
        seen.add(sig);
        pending.push(candidate.cost, candidate);
      }
    }
    if (!pending.size) break;
    const next = pending.pop();
    if (maxYears != null && next.cost[1] > maxYears + EPS && !constraints.withDirections) break; // every later route is longer still
    accepted.push(next);
    accept(next);
  }
  return results.map(toRoute);
}

const toRoute = (c: Candidate): Route => ({ steps: c.edges, ...sumYears(c.edges) });
const [NO_NODES, NO_EDGES] = [new Set<number>(), new Set<string>()]; // the first search blocks none
const NO_KINDS: ReadonlySet<string> = new Set();

const signature = (c: Candidate) => c.edges.map((e) => e.id).join(',') || `empty:${c.nodes[0]}`;

function sameRoot(p: Candidate, rootNodes: number[], rootEdges: Edge[]): boolean {
  for (let j = 0; j < rootEdges.length; j += 1)
    if (p.edges[j]?.id !== rootEdges[j].id) return false;
  return p.nodes[0] === rootNodes[0];
}

/** The quickest route from `start` to any of `targets`, or null when none is reachable. */
export function shortestPath(
  graph: Edge[] | Adjacency,
  start: number,
  targets: Set<number>,
  constraints: RouteConstraints = {},
): Route | null {
  return kShortestRoutes(graph, start, targets, 1, constraints)[0] ?? null;
}

/**
 * The quickest route from `start` to every level it can reach (Dijkstra's tree), keyed by level.
 * The start itself is not included.
 */
export function quickestRoutesFrom(
  graph: Edge[] | Adjacency,
  start: number,
  constraints: RouteConstraints = {},
): Map<number, Route> {
  const avoid = new Set(constraints.avoidKinds ?? []);
  const adjacency = asAdjacency(graph);
  const best = new Map<number, Cost>([[start, ZERO]]);
  const via = new Map<number, Edge>();
  const done = new Set<number>();
  const heap = new Heap<number>();
  heap.push(ZERO, start);
  while (heap.size) {
    const node = heap.pop();
    if (done.has(node)) continue;
    done.add(node);
    const cost: Cost = [heap.top[0], heap.top[1], heap.top[2]];
    for (const e of adjacency.get(node) ?? []) {
      if (e.kind && avoid.has(e.kind)) continue;
      const next = add(cost, e);
      const known = best.get(e.to);
      if (!known || less(next, known)) {
        best.set(e.to, next);
        via.set(e.to, e);
        heap.push(next, e.to);
      }
    }
  }
  const routes = new Map<number, Route>();
  for (const node of done) {
    if (node === start) continue;
    const steps: Edge[] = [];
    for (let at = node; at !== start; at = (via.get(at) as Edge).from)
      steps.unshift(via.get(at) as Edge);
    routes.set(node, { steps, ...sumYears(steps) });
  }
  return routes;
}
