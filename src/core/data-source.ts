import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { DatabaseSettings } from './config';
import { SnakeNamingStrategy } from './naming';
import { CountingLogger } from './query-counter';
import { carryRequestScope } from './request-scope';

export interface DataSourceFactoryOptions {
  /** Build the schema from the entities instead of migrations (tests of the migrations themselves aside). */
  synchronize?: boolean;
  onError?: (message: string) => void;
}

/**
 * PostgreSQL: the primary at `url`; with read replicas, TypeORM's replication settings send
 * reads made through repositories and query builders to a replica picked at random, and writes,
 * transactions, migrations and raw queries to the primary.
 */
function postgresConnection(db: Extract<DatabaseSettings, { type: 'postgres' }>) {
  const timeout = db.statementTimeoutMs ?? 0;
  const pool = {
    applicationName: 'careergraph',
    connectTimeoutMS: 10_000,
    // statement_timeout: the server cancels a statement that runs too long (57014); query_timeout:
    // the client stops waiting a little later, for when no answer can come (a blackholed network)
    ...(timeout > 0
      ? { extra: { statement_timeout: timeout, query_timeout: timeout + 1000 } }
      : {}),
  };
  if (!db.readUrls?.length) return { type: 'postgres' as const, url: db.url, ...pool };
  return {
    type: 'postgres' as const,
    replication: { master: { url: db.url }, slaves: db.readUrls.map((url) => ({ url })) },
    ...pool,
  };
}

/** What a data source maps: the application's entities and migrations (see src/app/data-source.ts). */
export interface DataSourceSchema {
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** Creates (without connecting) a data source for the configured engine over `schema`. */
export function createDataSourceFor(
  db: DatabaseSettings,
  schema: DataSourceSchema,
  options: DataSourceFactoryOptions = {},
): DataSource {
  const common = {
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsRun: false,
    // one transaction per migration, as start-up runs them: on SQLite, a schema change after an
    // FTS5 table is dropped in the same transaction fails ("SQL logic error")
    migrationsTransactionMode: 'each' as const,
    synchronize: options.synchronize ?? false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new CountingLogger(options.onError),
    logging: ['query', 'error'] as ('query' | 'error')[],
  };
  let settings: DataSourceOptions;
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    settings = {
      ...common,
      type: 'sqlite',
      database: db.path,
      enableWAL: db.path !== ':memory:',
      busyTimeout: db.busyTimeoutMs ?? 5000,
      // TypeORM calls driver.verbose(), whose long stack traces cost a stack capture and an inspect per statement.
      // Checked against: typeorm 0.3.31, sqlite3 5.1.7 (docs/operations.md, "Shortcuts around the libraries").
      driver: { ...sqlite3, verbose: () => sqlite3 },
    };
  } else {
    settings = { ...common, ...postgresConnection(db) };
  }
  return carryingRequestScope(new DataSource(settings));
}

/** Every statement TypeORM runs starts from a query runner, made before TypeORM first waits. */
function carryingRequestScope(source: DataSource): DataSource {
  const create = source.createQueryRunner.bind(source);
  source.createQueryRunner = (mode) => {
    carryRequestScope();
    return create(mode);
  };
  return source;
}

/**
 * Runs `read` on the primary: what the graph version says was committed there may not have reached
 * a read replica yet (kept tables, the change feed).
 */
export async function onPrimary<T>(
  db: DataSource,
  read: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = db.createQueryRunner('master');
  try {
    return await read(runner.manager);
  } finally {
    await runner.release();
  }
}
