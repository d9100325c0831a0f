import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDataSource } from '../../../app/data-source';
import { prepareDatabase } from '../../../app/database';
import { searchIndex } from '../search.service';
import { evaluate, formatReport, Judgements } from './metrics';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
export const JUDGEMENTS = join(ROOT, 'tests', 'search-eval', 'judgements.json');

/**
 * `npm run search:eval [-- --verbose] [--set-baseline]`: seeds a temporary SQLite database from
 * seeds/, runs the judged queries (tests/search-eval/judgements.json) and prints nDCG@10, MRR and
 * recall@10 per query type and overall. --set-baseline writes the overall nDCG@10 into the file,
 * as the floor the test suite holds.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const judgements = JSON.parse(readFileSync(JUDGEMENTS, 'utf8')) as Judgements;
  const dir = mkdtempSync(join(tmpdir(), 'careergraph-eval-'));
  const db = createDataSource({ type: 'sqlite', path: join(dir, 'eval.sqlite') });
  try {
    await db.initialize();
    await prepareDatabase(db, join(ROOT, 'seeds'));
    const report = await evaluate(judgements, async (query) =>
      (await searchIndex(db, query, { limit: 10 })).map((h) => `${h.nodeType}:${h.slug}`),
    );
    console.log(formatReport(report, { verbose: args.includes('--verbose') }));
    console.log(`baseline nDCG@10 ${judgements.baseline.ndcg10.toFixed(3)}`);
    if (args.includes('--set-baseline')) {
      const floor = Math.floor(report.overall.ndcg10 * 1000) / 1000;
      const text = readFileSync(JUDGEMENTS, 'utf8').replace(
        /"baseline": \{ "ndcg10": [0-9.]+ \}/,
        `"baseline": { "ndcg10": ${floor} }`,
      );
      writeFileSync(JUDGEMENTS, text);
      console.log(`baseline set to ${floor}`);
    }
  } finally {
    if (db.isInitialized) await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
