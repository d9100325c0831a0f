import {
  Edge,
  kShortestRoutes,
  quickestRoutesFrom,
  shortestPath,
  sumYears,
} from '../../src/modules/paths/route-search';

let nextId = 1;
const edge = (
  from: number,
  to: number,
  minYears: number | null,
  maxYears: number | null = minYears,
  kind = 'PROMOTION',
): Edge => ({
  id: nextId++,
  from,
  to,
  kind,
  minYears,
  maxYears,
});
const route = (result: ReturnType<typeof shortestPath> | undefined) =>
  result && [result.steps[0]?.from, ...result.steps.map((s) => s.to)];

describe('Career path search', () => {
  it('should prefer the fewest total years over the fewest steps', () => {
    const edges = [edge(1, 9, 10), edge(1, 2, 2), edge(2, 3, 2), edge(3, 9, 2)];
    const found = shortestPath(edges, 1, new Set([9]));
    expect(route(found)).toEqual([1, 2, 3, 9]);
    expect(found).toMatchObject({ minYears: 6, maxYears: 6, stepsWithoutYears: 0 });
  });

  it('should break a tie in years by fewer steps', () => {
    const edges = [edge(1, 2, 1), edge(2, 9, 1), edge(1, 9, 2)];
    expect(route(shortestPath(edges, 1, new Set([9])))).toEqual([1, 9]);
  });

  it('should sum ranges min and max apart', () => {
    const edges = [edge(1, 2, 1, 2), edge(2, 3, 2, 4)];
    expect(shortestPath(edges, 1, new Set([3]))).toMatchObject({ minYears: 3, maxYears: 6 });
  });

  it('should keep an open maximum open and count steps without figures instead of treating them as zero', () => {
    const edges = [edge(1, 2, 1, 2), edge(2, 3, 5, null), edge(3, 4, null, null)];
    expect(shortestPath(edges, 1, new Set([4]))).toMatchObject({
      minYears: 6,
      maxYears: null,
      stepsWithoutYears: 1,
    });
  });

  it('should say nothing about years when no step has a figure', () => {
    expect(sumYears([edge(1, 2, null), edge(2, 3, null)])).toEqual({
      minYears: null,
      maxYears: null,
      stepsWithoutYears: 2,
    });
  });

  it('should survive cycles and return null for unreachable targets', () => {
    const edges = [edge(1, 2, 1), edge(2, 1, 1), edge(2, 3, 1), edge(3, 2, 1), edge(7, 8, 1)];
    expect(route(shortestPath(edges, 1, new Set([3])))).toEqual([1, 2, 3]);
    expect(shortestPath(edges, 1, new Set([8]))).toBeNull();
  });

  it('should stop at whichever target is reached first', () => {
    const edges = [edge(1, 2, 1), edge(2, 5, 1), edge(1, 6, 5)];
    expect(route(shortestPath(edges, 1, new Set([5, 6])))).toEqual([1, 2, 5]);
  });

  it('should give the empty path when the start is a target', () => {
    expect(shortestPath([edge(1, 2, 1)], 1, new Set([1]))).toEqual({
      steps: [],
      minYears: 0,
      maxYears: 0,
      stepsWithoutYears: 0,
    });
  });
});

describe('k shortest career routes', () => {
  // 1 -> 2 -> 4 (2+2), 1 -> 3 -> 4 (1+4), 1 -> 4 (6, management), 2 -> 3 (1), 3 -> 2 (1): a cycle
  const graph = () => {
    nextId = 100;
    return [
      edge(1, 2, 2),
      edge(2, 4, 2),
      edge(1, 3, 1),
      edge(3, 4, 4),
      edge(1, 4, 6, 6, 'MANAGEMENT'),
      edge(2, 3, 1),
      edge(3, 2, 1),
    ];
  };
  const routes = (found: ReturnType<typeof kShortestRoutes>) => found.map((r) => route(r));

  it('should list distinct routes best first, by years then steps', () => {
    const found = kShortestRoutes(graph(), 1, new Set([4]), 10);
    expect(routes(found)).toEqual([
      [1, 2, 4],
      [1, 3, 2, 4],
      [1, 3, 4],
      [1, 4],
      [1, 2, 3, 4],
    ]);
    expect(found.map((r) => r.minYears)).toEqual([4, 4, 5, 6, 7]);
  });

  it('should never repeat a level within a route, even on a cycle', () => {
    for (const r of kShortestRoutes(graph(), 1, new Set([4]), 50)) {
      const levels = route(r) as number[];
      expect(new Set(levels).size).toBe(levels.length);
    }
  });

  it('should honour first', () => {
    expect(kShortestRoutes(graph(), 1, new Set([4]), 2)).toHaveLength(2);
  });

  it('should avoid the kinds of move it is told to', () => {
    const found = kShortestRoutes(graph(), 1, new Set([4]), 10, { avoidKinds: ['MANAGEMENT'] });
    expect(found.some((r) => r.steps.some((s) => s.kind === 'MANAGEMENT'))).toBe(false);
    expect(found).toHaveLength(4);
  });

  it('should leave out routes over the years budget', () => {
    expect(routes(kShortestRoutes(graph(), 1, new Set([4]), 10, { maxYears: 4 }))).toEqual([
      [1, 2, 4],
      [1, 3, 2, 4],
    ]);
    expect(kShortestRoutes(graph(), 1, new Set([4]), 10, { maxYears: 3 })).toEqual([]);
  });

  it('should pass through a required level', () => {
    expect(routes(kShortestRoutes(graph(), 1, new Set([4]), 10, { via: new Set([3]) }))).toEqual([
      [1, 3, 2, 4],
      [1, 3, 4],
      [1, 2, 3, 4],
    ]);
  });

  it('should count a start or end inside the via set', () => {
    expect(routes(kShortestRoutes(graph(), 1, new Set([4]), 1, { via: new Set([1]) }))).toEqual([
      [1, 2, 4],
    ]);
    expect(routes(kShortestRoutes(graph(), 1, new Set([4]), 1, { via: new Set([4]) }))).toEqual([
      [1, 2, 4],
    ]);
  });

  it('should return nothing when the target cannot be reached, or not through the via', () => {
    expect(kShortestRoutes(graph(), 4, new Set([1]), 5)).toEqual([]);
    expect(
      kShortestRoutes([edge(1, 2, 1), edge(3, 2, 1)], 1, new Set([2]), 5, { via: new Set([3]) }),
    ).toEqual([]);
  });

  it('should give the same answer every time for tied routes', () => {
    const tied = () => {
      nextId = 500;
      return [edge(1, 2, 1), edge(2, 9, 1), edge(1, 3, 1), edge(3, 9, 1)];
    };
    const once = routes(kShortestRoutes(tied(), 1, new Set([9]), 2));
    expect(routes(kShortestRoutes(tied(), 1, new Set([9]), 2))).toEqual(once);
    expect(once).toEqual([
      [1, 2, 9],
      [1, 3, 9],
    ]);
  });
});

describe('quickest routes from one level', () => {
  it('should give every reachable level its quickest route and leave out the rest', () => {
    nextId = 700;
    const edges = [edge(1, 2, 1, 2), edge(2, 3, 2, null), edge(1, 3, 5), edge(4, 1, 1)];
    const tree = quickestRoutesFrom(edges, 1);
    expect([...tree.keys()].sort()).toEqual([2, 3]);
    expect(tree.get(3)).toMatchObject({ minYears: 3, maxYears: null, stepsWithoutYears: 0 });
    expect(route(tree.get(3))).toEqual([1, 2, 3]);
  });
});
