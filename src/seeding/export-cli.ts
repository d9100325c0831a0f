import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig } from '../core/config';
import { createDataSource } from '../core/data-source';
import { exportGraph } from './export';

/** `npm run export -- --out DIR`: writes the whole graph as seed files. */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--out');
  const out = at > -1 ? process.argv[at + 1] : undefined;
  if (!out) {
    console.error('usage: npm run export -- --out DIR');
    process.exit(2);
  }
  const db = createDataSource(loadConfig().database);
  await db.initialize();
  try {
    const report = await exportGraph(db, resolve(out));
    console.log(JSON.stringify({ exported: resolve(out), ...report }));
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error('export failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
