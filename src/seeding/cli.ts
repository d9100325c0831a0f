import 'reflect-metadata';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../core/config';
import { createDataSource } from '../core/data-source';
import { runExclusively } from '../core/database';
import { loadSeedDirectory } from './loader';
import { SeedError } from './read';

/** `npm run seed [-- --from DIR]`: migrates, then loads the seed files (idempotently). */
async function main(): Promise<void> {
  const config = loadConfig();
  const fromIndex = process.argv.indexOf('--from');
  const dir = resolve(fromIndex > -1 ? process.argv[fromIndex + 1] ?? '' : config.seedsDir);
  const db = createDataSource(config.database);
  await db.initialize();
  try {
    // under the lock replicas take at start-up, so a load never races their migrations or seeding
    const report = await runExclusively(db, async () => {
      await db.runMigrations({ transaction: 'each' });
      return loadSeedDirectory(db, dir);
    });
    console.log(JSON.stringify({ seeded: dir, ...report }));
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  if (err instanceof SeedError || err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('seed failed:', err);
  }
  process.exit(1);
});
