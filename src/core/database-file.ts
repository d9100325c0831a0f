import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Config } from './config';
import type { Logger } from './logger';

export class MissingDatabaseError extends Error {}

/**
 * Start-up on SQLite when no file is at DATABASE_URL's path. This process cannot tell a first
 * start from a database that was moved or deleted, so: with DATABASE_MUST_EXIST=true (what an
 * operator sets once the database holds keys and edits) it refuses to start; otherwise it says,
 * at error level in production, that it is about to create and seed a new database, before it does.
 */
export function announceNewDatabase(
  config: Pick<Config, 'database' | 'nodeEnv' | 'databaseMustExist' | 'seedsDir'>,
  logger: Logger,
): void {
  const db = config.database;
  if (db.type !== 'sqlite' || db.path === ':memory:' || existsSync(db.path)) return;
  const path = resolve(db.path);
  if (config.databaseMustExist) {
    logger.fatal(
      { path, event: 'database-missing' },
      'no database file where one must exist (DATABASE_MUST_EXIST=true): refusing to start',
    );
    throw new MissingDatabaseError(
      `no database at ${path}, and DATABASE_MUST_EXIST=true: restore it (or unset DATABASE_MUST_EXIST to start a new one)`,
    );
  }
  const log =
    config.nodeEnv === 'production' ? logger.error.bind(logger) : logger.warn.bind(logger);
  log(
    { path, seedsDir: config.seedsDir, event: 'database-missing' },
    'no database file at DATABASE_URL: creating a new one and seeding it. If this server held data before (API keys, edits, the audit log), that file was moved or deleted and its data is not in the new one; set DATABASE_MUST_EXIST=true to refuse to start instead',
  );
}
