import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/migrations';
import { openTestDataSource, TEST_ENGINE } from '../support/database';

/** Table names in the test database, the search index's SQLite shadow tables aside. */
async function tables(db: DataSource): Promise<string[]> {
  const rows: { name: string }[] =
    TEST_ENGINE === 'postgres'
      ? await db.query(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
        )
      : await db.query(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_documents_%'",
        );
  return rows.map((r) => r.name).sort();
}

describe(`Migrations (${TEST_ENGINE})`, () => {
  let db: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, close } = await openTestDataSource('migrations'));
  });
  afterAll(() => close());

  it('should build exactly the schema the entities describe', async () => {
    await db.runMigrations({ transaction: 'each' });
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    // search indexes the graph's own tables in process: the old search table is gone
    expect(await tables(db)).not.toContain('search_documents');
  });

  it('should apply nothing on a second run', async () => {
    expect(await db.runMigrations({ transaction: 'each' })).toEqual([]);
  });

  it('should undo every migration, leaving only the migrations table', async () => {
    for (const _ of MIGRATIONS) await db.undoLastMigration({ transaction: 'each' });
    expect(await tables(db)).toEqual(['migrations']);
  });
});
