/**
 * Shortest career paths over the transition graph, as a pure function so it can be tested on
 * hand-made graphs. Cost is lexicographic: least total typical years first, then fewest steps.
 * A step whose years are unknown costs 0 years in the ordering (the sum is then only a lower
 * bound, and the path's years say so by leaving max open); years are summed as ranges, min and
 * max apart, never mixed.
 */
export interface Edge {
  id: number;
  from: number;
  to: number;
  minYears: number | null;
  maxYears: number | null;
}

export interface PathResult {
  steps: Edge[];
  /** Sum of the steps' minimum years (unknown steps add nothing). */
  minYears: number | null;
  /** Sum of the steps' maximum years, or null when any step has no known maximum. */
  maxYears: number | null;
  /** Steps whose years no source states. */
  stepsWithoutYears: number;
}

/** The years a step counts for when ordering paths. */
const stepCost = (e: Edge) => e.minYears ?? 0;

/** Binary min-heap on [years, steps, node]. */
class Queue {
  private items: [number, number, number][] = [];
  get size() {
    return this.items.length;
  }
  private less(a: [number, number, number], b: [number, number, number]) {
    return a[0] < b[0] - 1e-9 || (Math.abs(a[0] - b[0]) <= 1e-9 && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])));
  }
  push(item: [number, number, number]) {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): [number, number, number] {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as [number, number, number];
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/** Sums steps' years as ranges. */
export function sumYears(steps: Edge[]): Pick<PathResult, 'minYears' | 'maxYears' | 'stepsWithoutYears'> {
  let min = 0;
  let max: number | null = 0;
  let unknown = 0;
  for (const s of steps) {
    if (s.minYears == null && s.maxYears == null) unknown += 1;
    min += s.minYears ?? 0;
    max = max == null || s.maxYears == null ? null : max + s.maxYears;
  }
  return { minYears: steps.length === 0 || unknown < steps.length ? min : null, maxYears: max, stepsWithoutYears: unknown };
}

/**
 * The cheapest path from `start` to any node in `targets`, or null when none is reachable.
 * A start that is itself a target gives the empty path.
 */
export function shortestPath(edges: Edge[], start: number, targets: Set<number>): PathResult | null {
  const out = new Map<number, Edge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const best = new Map<number, [number, number]>([[start, [0, 0]]]);
  const via = new Map<number, Edge>();
  const done = new Set<number>();
  const queue = new Queue();
  queue.push([0, 0, start]);
  while (queue.size) {
    const [years, steps, node] = queue.pop();
    if (done.has(node)) continue;
    done.add(node);
    if (targets.has(node)) {
      const path: Edge[] = [];
      for (let at = node; at !== start; at = (via.get(at) as Edge).from) path.unshift(via.get(at) as Edge);
      return { steps: path, ...sumYears(path) };
    }
    for (const e of out.get(node) ?? []) {
      const next: [number, number] = [years + stepCost(e), steps + 1];
      const known = best.get(e.to);
      if (!known || next[0] < known[0] - 1e-9 || (Math.abs(next[0] - known[0]) <= 1e-9 && next[1] < known[1])) {
        best.set(e.to, next);
        via.set(e.to, e);
        queue.push([next[0], next[1], e.to]);
      }
    }
  }
  return null;
}
