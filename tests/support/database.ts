import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DatabaseSettings } from '../../src/core/config';
import { createDataSource, DataSourceFactoryOptions } from '../../src/app/data-source';

/**
 * The engine the suite runs on. `npm test` leaves TEST_DATABASE_URL unset (SQLite files);
 * `npm run test:postgres` sets it to a PostgreSQL server, on which every test database is a
 * fresh schema, dropped after.
 */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL || null;
export const TEST_ENGINE: 'sqlite' | 'postgres' = TEST_POSTGRES_URL ? 'postgres' : 'sqlite';

/** `describe` on the engines a suite applies to; elsewhere it is reported as skipped. */
export const onlyOn = (engine: 'sqlite' | 'postgres') =>
  TEST_ENGINE === engine ? describe : describe.skip;

/** A throwaway database: settings to connect with, and how to throw it away. */
export interface TestDatabase {
  settings: DatabaseSettings;
  /** For PostgreSQL, the schema holding the tables; null on SQLite. */
  schema: string | null;
  dispose(): Promise<void>;
}

/** `url` with its search_path set to `schema`, so raw SQL and TypeORM both land there. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/** Runs one administrative statement on the server TEST_DATABASE_URL names. */
async function admin(sql: string): Promise<void> {
  const client = new DataSource({
    type: 'postgres',
    url: TEST_POSTGRES_URL as string,
    poolSize: 1,
  });
  try {
    await client.initialize();
  } catch (err) {
    throw new Error(
      `TEST_DATABASE_URL is set but PostgreSQL cannot be reached: ${(err as Error).message}`,
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.destroy();
  }
}

/** Creates an empty database on the suite's engine: a temporary SQLite file or a fresh schema. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  if (!TEST_POSTGRES_URL) {
    const dir = mkdtempSync(join(tmpdir(), `careergraph-${label}-`));
    return {
      settings: { type: 'sqlite', path: join(dir, `${label}.sqlite`) },
      schema: null,
      async dispose() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema =
    `cg_${label.replace(/\W/g, '_')}_${process.pid}_${randomBytes(4).toString('hex')}`.toLowerCase();
  await admin(`CREATE SCHEMA "${schema}"`);
  return {
    settings: { type: 'postgres', url: withSearchPath(TEST_POSTGRES_URL, schema) },
    schema,
    async dispose() {
      await admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

/** A connected data source over a fresh test database; `close` disconnects and drops it. */
export async function openTestDataSource(label = 'test', options: DataSourceFactoryOptions = {}) {
  const database = await createTestDatabase(label);
  const db: DataSource = createDataSource(database.settings, options);
  await db.initialize();
  return {
    db,
    database,
    async close() {
      if (db.isInitialized) await db.destroy();
      await database.dispose();
    },
  };
}

/**
 * Drops a table whatever depends on it (PostgreSQL refuses while foreign keys point at it), as
 * tests that break their own throwaway database on purpose need.
 */
export async function dropTable(db: DataSource, table: string): Promise<void> {
  await db.query(
    db.options.type === 'postgres' ? `DROP TABLE "${table}" CASCADE` : `DROP TABLE "${table}"`,
  );
}

/** The DATABASE_URL a child process (`node dist/main.js`, a CLI) needs for a test database. */
export function databaseUrlOf(settings: DatabaseSettings): string {
  return settings.type === 'sqlite' ? `sqlite:${settings.path}` : settings.url;
}
