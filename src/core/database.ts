import { DataSource } from 'typeorm';
import { loadSeedDirectory } from '../seeding/loader';
import { SyncReport } from '../seeding/sync';
import { Source } from '../modules/sources/source.entity';

/** Applies pending migrations and, when the database holds no knowledge yet, loads the seeds. */
export async function prepareDatabase(db: DataSource, seedsDir: string): Promise<{ migrations: number; seeded: SyncReport | null }> {
  const applied = await db.runMigrations({ transaction: 'each' });
  const empty = (await db.getRepository(Source).count()) === 0;
  const seeded = empty ? await loadSeedDirectory(db, seedsDir) : null;
  return { migrations: applied.length, seeded };
}
