import { readDatabaseIdentity } from '../../src/core/cache';
import { openTestDataSource } from '../support/database';

describe('The database identity', () => {
  it('should be made by the migration, differ between two databases, and never change after', async () => {
    const [a, b] = await Promise.all([
      openTestDataSource('identity-a'),
      openTestDataSource('identity-b'),
    ]);
    try {
      await Promise.all([a.db.runMigrations(), b.db.runMigrations()]);
      const identityA = await readDatabaseIdentity(a.db);
      expect(identityA).toMatch(/^[0-9a-f]{32}$/);
      expect(await readDatabaseIdentity(b.db)).not.toBe(identityA);
      expect(await a.db.runMigrations()).toEqual([]);
      expect(await readDatabaseIdentity(a.db)).toBe(identityA);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('should not be read from a database the migrations have not reached', async () => {
    const fresh = await openTestDataSource('identity-none');
    try {
      await expect(readDatabaseIdentity(fresh.db)).rejects.toThrow(/database_identity/);
    } finally {
      await fresh.close();
    }
  });
});
