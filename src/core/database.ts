import { DataSource } from 'typeorm';

type Exclusive = <T>(db: DataSource, fn: () => Promise<T>) => Promise<T>;

/**
 * PostgreSQL: holds a session advisory lock (one per schema) while `fn` runs, so that replicas
 * starting together migrate and seed one at a time; the others wait, then find the work done.
 * The lock goes with the session, so a replica that dies holding it releases it.
 */
const withAdvisoryLock: Exclusive = async (db, fn) => {
  const key = "hashtext(current_schema() || ':careergraph:prepare')";
  const runner = db.createQueryRunner('master');
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(${key})`);
    try {
      return await fn();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${key})`);
    }
  } finally {
    await runner.release();
  }
};

/**
 * SQLite: migrations take the file's write lock in their own transactions, and seed loads go
 * through the write path (src/core/writes), which waits its turn against other processes.
 */
const unlocked: Exclusive = (_db, fn) => fn();

const EXCLUSIVE: Record<string, Exclusive> = { postgres: withAdvisoryLock, sqlite: unlocked };

/**
 * Runs `fn` while no other process prepares or seeds the same database: under the PostgreSQL
 * advisory lock that start-up takes (one per schema); SQLite's own write lock does it there.
 */
export function runExclusively<T>(db: DataSource, fn: () => Promise<T>): Promise<T> {
  return (EXCLUSIVE[db.options.type] ?? unlocked)(db, fn);
}
