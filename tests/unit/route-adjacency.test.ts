import {
  adjacencyOf,
  Edge,
  kShortestRoutes,
  quickestRoutesFrom,
  RouteConstraints,
} from '../../src/modules/paths/route-search';

let nextId = 1;
const edge = (from: number, to: number, minYears: number | null, kind = 'PROMOTION'): Edge => ({
  id: nextId++,
  from,
  to,
  kind,
  minYears,
  maxYears: minYears,
});

// Two tied routes 1 -> 4, a cycle 2 <-> 3, a management shortcut, and an unrelated component 7 -> 8.
const edges = [
  edge(1, 2, 2),
  edge(2, 4, 2),
  edge(1, 3, 1),
  edge(3, 4, 4),
  edge(1, 4, 6, 'MANAGEMENT'),
  edge(2, 3, 1),
  edge(3, 2, 1),
  edge(1, 5, 1),
  edge(5, 4, 3),
  edge(7, 8, 1),
];
const ids = (routes: { steps: Edge[] }[]) => routes.map((r) => r.steps.map((s) => s.id));

describe('Transition adjacency', () => {
  it('should group edges by the level they leave, in the order given', () => {
    const adjacency = adjacencyOf(edges);
    expect([...adjacency.keys()]).toEqual([1, 2, 3, 5, 7]);
    expect(adjacency.get(1)?.map((e) => e.to)).toEqual([2, 3, 4, 5]);
    expect(adjacency.get(4)).toBeUndefined();
  });

  it('should give the same routes as the edge list, search after search on one adjacency', () => {
    const adjacency = adjacencyOf(edges);
    const cases: [number, number[], RouteConstraints][] = [
      [1, [4], {}],
      [1, [4], { avoidKinds: ['MANAGEMENT'] }],
      [1, [4], { via: new Set([3]) }],
      [1, [4], { via: new Set([5]), avoidKinds: ['MANAGEMENT'] }],
      [1, [3, 4], { maxYears: 5 }],
      [2, [4], { via: new Set([1]) }],
      [7, [4], {}],
      [4, [4], {}],
    ];
    for (const [start, targets, constraints] of cases) {
      const expected = kShortestRoutes(edges, start, new Set(targets), 10, constraints);
      expect(kShortestRoutes(adjacency, start, new Set(targets), 10, constraints)).toEqual(
        expected,
      );
    }
    for (const avoidKinds of [[], ['MANAGEMENT']]) {
      expect(quickestRoutesFrom(adjacency, 1, { avoidKinds })).toEqual(
        quickestRoutesFrom(edges, 1, { avoidKinds }),
      );
    }
    expect(ids(kShortestRoutes(adjacency, 1, new Set([4]), 10, { via: new Set([5]) }))).toEqual([
      [8, 9],
    ]);
    expect(adjacency).toEqual(adjacencyOf(edges));
  });
});
