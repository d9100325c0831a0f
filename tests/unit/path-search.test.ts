import { Edge, shortestPath, sumYears } from '../../src/modules/paths/path-search';

let nextId = 1;
const edge = (from: number, to: number, minYears: number | null, maxYears: number | null = minYears): Edge => ({
  id: nextId++,
  from,
  to,
  minYears,
  maxYears,
});
const route = (result: ReturnType<typeof shortestPath>) => result && [result.steps[0]?.from, ...result.steps.map((s) => s.to)];

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
    expect(shortestPath(edges, 1, new Set([4]))).toMatchObject({ minYears: 6, maxYears: null, stepsWithoutYears: 1 });
  });

  it('should say nothing about years when no step has a figure', () => {
    expect(sumYears([edge(1, 2, null), edge(2, 3, null)])).toEqual({ minYears: null, maxYears: null, stepsWithoutYears: 2 });
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
    expect(shortestPath([edge(1, 2, 1)], 1, new Set([1]))).toEqual({ steps: [], minYears: 0, maxYears: 0, stepsWithoutYears: 0 });
  });
});
