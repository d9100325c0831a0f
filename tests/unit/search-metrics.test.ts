import { evaluate, scoreRanking } from '../../src/modules/search/eval/metrics';

describe('Search relevance metrics', () => {
  it('should score a perfect ranking 1 and discount relevant hits found lower down', () => {
    const grades = { 'Role:a': 3, 'Skill:b': 1 };
    expect(scoreRanking(['Role:a', 'Skill:b'], grades)).toEqual({ ndcg10: 1, mrr: 1, recall10: 1 });
    const swapped = scoreRanking(['Skill:b', 'Role:a'], grades);
    // DCG = 1/log2(2) + 7/log2(3); ideal = 7 + 1/log2(3)
    expect(swapped.ndcg10).toBeCloseTo((1 + 7 / Math.log2(3)) / (7 + 1 / Math.log2(3)), 12);
    expect(swapped.mrr).toBe(1);
    expect(scoreRanking(['X:x', 'Y:y', 'Skill:b'], grades)).toMatchObject({
      mrr: 1 / 3,
      recall10: 0.5,
    });
    expect(scoreRanking([], grades)).toEqual({ ndcg10: 0, mrr: 0, recall10: 0 });
  });

  it('should only count the first ten hits', () => {
    const ranked = [...Array.from({ length: 10 }, (_, i) => `X:${i}`), 'Role:a'];
    expect(scoreRanking(ranked, { 'Role:a': 3 })).toEqual({ ndcg10: 0, mrr: 0, recall10: 0 });
  });

  it('should average per query type and overall', async () => {
    const report = await evaluate(
      {
        baseline: { ndcg10: 0 },
        queries: [
          { type: 'role', query: 'a', relevant: { 'Role:a': 3 } },
          { type: 'role', query: 'b', relevant: { 'Role:b': 3 } },
          { type: 'skill', query: 'c', relevant: { 'Skill:c': 3 } },
        ],
      },
      async (query) => (query === 'b' ? [] : [query === 'a' ? 'Role:a' : 'Skill:c']),
    );
    expect(report.byType.role).toMatchObject({ ndcg10: 0.5, queries: 2 });
    expect(report.byType.skill).toMatchObject({ ndcg10: 1, queries: 1 });
    expect(report.overall.ndcg10).toBeCloseTo(2 / 3, 12);
  });
});
