import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, formatReport, Judgements } from '../../src/modules/search/eval/metrics';
import { searchIndex } from '../../src/modules/search/search.service';
import { TestServer } from '../support/server';

const judgements = JSON.parse(
  readFileSync(join(__dirname, '..', 'search-eval', 'judgements.json'), 'utf8'),
) as Judgements;

// the judged query set of `npm run search:eval`, on this engine's seeded database
describe('search relevance', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('should keep overall nDCG@10 at or above the committed baseline, and every query type at 0.7 or more', async () => {
    expect(judgements.queries.length).toBeGreaterThanOrEqual(60);
    const report = await evaluate(judgements, async (query) =>
      (await searchIndex(server.db, query, { limit: 10 })).map((h) => `${h.nodeType}:${h.slug}`),
    );
    const table = formatReport(report);
    if (report.overall.ndcg10 < judgements.baseline.ndcg10)
      throw new Error(`nDCG@10 fell below the baseline ${judgements.baseline.ndcg10}:\n${table}`);
    for (const [type, scores] of Object.entries(report.byType)) {
      if (scores.ndcg10 < 0.7)
        throw new Error(`${type} queries fell to nDCG@10 ${scores.ndcg10.toFixed(3)}:\n${table}`);
    }
  });
});
