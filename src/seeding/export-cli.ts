import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig } from '../core/config';
import { createDataSource } from '../app/data-source';
import { exportGraph } from './export';
import { exportChanges } from './export-changes';

const USAGE =
  "usage: npm run export -- --out DIR            (the whole graph, as seed files)\n       npm run export -- --changed [--into DIR]  (editors' changes written into the seed files, SEEDS_DIR by default)";

const valueOf = (flag: string) => {
  const at = process.argv.indexOf(flag);
  return at > -1 ? process.argv[at + 1] : undefined;
};

/** `npm run export`: the whole graph as seed files, or (`--changed`) the API's changes into the seed files. */
async function main(): Promise<void> {
  const config = loadConfig();
  const changed = process.argv.includes('--changed');
  const out = valueOf('--out');
  if (changed === Boolean(out)) {
    console.error(USAGE);
    process.exit(2);
  }
  const db = createDataSource(config.database);
  await db.initialize();
  try {
    if (changed) {
      const into = resolve(valueOf('--into') ?? config.seedsDir);
      const report = await exportChanges(db, into);
      for (const record of report.records) console.error(`  ${record}`);
      console.log(JSON.stringify({ into, records: report.records.length, files: report.files }));
    } else {
      const report = await exportGraph(db, resolve(out as string));
      console.log(JSON.stringify({ exported: resolve(out as string), ...report }));
    }
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error('export failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
