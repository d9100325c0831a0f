import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/app/data-source';
import { prepareDatabase } from '../../src/app/database';
import { MIGRATIONS } from '../../src/migrations';
import { createTestDatabase, TestDatabase } from '../support/database';
import { SEEDS_DIR } from '../support/server';

describe('Start-up of replicas together (PostgreSQL)', () => {
  let database: TestDatabase;
  let replicas: DataSource[];

  beforeAll(async () => {
    database = await createTestDatabase('prepare');
    replicas = [
      createDataSource(database.settings),
      createDataSource(database.settings),
      createDataSource(database.settings),
    ];
    await Promise.all(replicas.map((db) => db.initialize()));
  });
  afterAll(async () => {
    await Promise.all((replicas ?? []).filter((db) => db.isInitialized).map((db) => db.destroy()));
    await database?.dispose();
  });

  it('should let exactly one replica migrate and seed while the others wait, then serve', async () => {
    const results = await Promise.all(replicas.map((db) => prepareDatabase(db, SEEDS_DIR)));
    expect(results.map((r) => r.migrations).sort()).toEqual([0, 0, MIGRATIONS.length]);
    const seeders = results.filter((r) => r.seeded !== null);
    expect(seeders).toHaveLength(1);
    expect(seeders[0].seeded?.inserted).toBeGreaterThan(500);
    for (const db of replicas) {
      const [{ n }] = await db.query(
        "SELECT COUNT(*) AS n FROM roles WHERE slug = 'backend-developer'",
      );
      expect(Number(n)).toBe(1);
    }
  });

  it('should find nothing to do when started again', async () => {
    expect(await prepareDatabase(replicas[0], SEEDS_DIR)).toEqual({ migrations: 0, seeded: null });
  });
});
