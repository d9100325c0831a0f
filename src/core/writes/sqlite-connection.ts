import { statSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { DataSource, QueryRunner } from 'typeorm';
import { SqliteDriver } from 'typeorm/driver/sqlite/SqliteDriver';
import { SqliteQueryRunner } from 'typeorm/driver/sqlite/SqliteQueryRunner';

/** Which file a path names now: device and inode, or null when nothing is there. */
export function fileIdentity(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

const exec = (conn: sqlite3.Database, sql: string) =>
  new Promise<void>((resolve, reject) => conn.exec(sql, (err) => (err ? reject(err) : resolve())));

/**
 * The connection writes go through, apart from the one TypeORM reads with. In WAL mode a reader
 * on another connection sees only committed data, so a request reading while a write is open
 * never sees a change that then rolls back (on one shared connection it would). Opened without
 * OPEN_CREATE: a database file that vanished is an error here, never a new empty database.
 */
export async function openWriterConnection(
  path: string,
  busyTimeoutMs: number,
): Promise<sqlite3.Database> {
  const conn = await new Promise<sqlite3.Database>((resolve, reject) => {
    const c = new sqlite3.Database(path, sqlite3.OPEN_READWRITE, (err) =>
      err ? reject(err) : resolve(c),
    );
  });
  try {
    // synchronous=FULL: each COMMIT is on disk (the WAL fsynced) before it returns, so an
    // acknowledged write survives a power cut as well as a crash
    await exec(
      conn,
      `PRAGMA busy_timeout = ${busyTimeoutMs}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;`,
    );
  } catch (err) {
    await closeConnection(conn);
    throw err;
  }
  return conn;
}

export const closeConnection = (conn: sqlite3.Database) =>
  new Promise<void>((resolve) => conn.close(() => resolve()));

/** A TypeORM query runner (and entity manager) on `conn`, so write code keeps using repositories. */
export function runnerOn(db: DataSource, conn: sqlite3.Database): QueryRunner {
  const runner = new SqliteQueryRunner(db.driver as SqliteDriver);
  runner.connect = () => Promise.resolve(conn);
  Object.assign(runner, { manager: db.createEntityManager(runner) });
  return runner;
}

/**
 * TypeORM's own transaction bookkeeping, set by hand: the write path issues BEGIN IMMEDIATE and
 * COMMIT itself, and repositories must see a transaction already open (and not start one).
 */
export function markTransaction(runner: QueryRunner, open: boolean): void {
  Object.assign(runner, { isTransactionActive: open, transactionDepth: open ? 1 : 0 });
}

/** Whether the connection is inside a transaction, asked of SQLite itself rather than of TypeORM. */
export async function insideTransaction(runner: QueryRunner): Promise<boolean> {
  try {
    await runner.query('BEGIN');
  } catch (err) {
    if (/within a transaction/i.test(String((err as Error).message))) return true;
    throw err;
  }
  await runner.query('ROLLBACK');
  return false;
}
