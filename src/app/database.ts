import { DataSource } from 'typeorm';
import { runExclusively } from '../core/database';
import { loadSeedDirectory } from '../seeding/loader';
import { SyncReport } from '../seeding/sync';

/** What start-up did to the database. */
export interface Preparation {
  migrations: number;
  seeded: SyncReport | null;
}

/**
 * Applies pending migrations and, when the database holds no knowledge yet, loads the seeds; on
 * PostgreSQL under an advisory lock, so exactly one of several replicas starting together does it.
 */
export async function prepareDatabase(db: DataSource, seedsDir: string): Promise<Preparation> {
  return runExclusively(db, async () => {
    const applied = await db.runMigrations({ transaction: 'each' });
    // raw SQL goes to the primary, never to a read replica that may not have caught up
    const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM sources');
    const empty = Number(n) === 0;
    const seeded = empty ? await loadSeedDirectory(db, seedsDir, { actor: 'start-up' }) : null;
    return { migrations: applied.length, seeded };
  });
}
