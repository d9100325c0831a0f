import { accessSync, constants } from 'node:fs';
import sqlite3 from 'sqlite3';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Logger } from '../logger';
import {
  classifyDatabaseError,
  isLasting,
  neverSent,
  outcomeUnknown,
  serviceUnavailable,
  UnavailableReason,
  writeErrorFrom,
} from './database-errors';
import { currentDeadline, Deadline } from './deadline';
import {
  closeConnection,
  fileIdentity,
  insideTransaction,
  markTransaction,
  openWriterConnection,
  runnerOn,
} from './sqlite-connection';

export type WriteWork<T> = (em: EntityManager) => Promise<T>;

/** Tries of a whole write that meets SQLITE_BUSY inside its transaction (rolled back, run again). */
const BUSY_ATTEMPTS = 3;
/**
 * Between two writes of this process, this long with the write lock free. SQLite's lock is not
 * fair: a process writing back to back would take it again before another process, sleeping in
 * its busy wait, ever saw it free. Under sustained load this costs about a tenth of the
 * throughput of one process; alone, or with gaps between writes, nothing.
 */
const TURN_GAP_MS = 4;
/** While another process holds the write lock, BEGIN IMMEDIATE is tried again this often (jittered). */
const BUSY_POLL_MS = 2;
/** How often /readyz may probe a database that could not commit, to notice it can again. */
const PROBE_EVERY_MS = 1000;
const PROBE: WriteWork<void> = async (em) => {
  await em.query('UPDATE graph_state SET version = version WHERE id = 1');
};

/**
 * One database's write path in this process: every write of the API, `npm run keys` and the
 * seed loader runs through `run`, which commits it whole or refuses it with a code, and keeps
 * track of whether the database can commit at all (for /readyz).
 */
abstract class WritePath {
  protected failure: UnavailableReason | null = null;
  private lastProbe = 0;
  logger: Logger | undefined;

  constructor(protected readonly db: DataSource) {}

  abstract run<T>(work: WriteWork<T>): Promise<T>;

  /** Closes what the write path opened of its own (called as its data source is destroyed). */
  async close(): Promise<void> {}

  /** At start-up: notes a fault that is already plain, so /readyz reports it before any write fails. */
  checkAtStart(): void {}

  /** Why writes cannot commit now, or null when they can (as far as the last write knows). */
  get fault(): UnavailableReason | null {
    return this.failure;
  }

  /** Whether writes can commit: after a failure, a probe write (at most once a second) decides. */
  async ready(): Promise<boolean> {
    if (this.failure && Date.now() - this.lastProbe >= PROBE_EVERY_MS) {
      this.lastProbe = Date.now();
      await this.run(PROBE).catch(() => undefined);
    }
    return this.failure === null;
  }

  protected succeeded(): void {
    if (!this.failure) return;
    this.logger?.warn({ fault: this.failure }, 'database commits writes again');
    this.failure = null;
  }

  /** Records a fault that outlasts this write, logged once when it starts. */
  protected failed(reason: UnavailableReason, err: unknown): void {
    if (!isLasting(reason) || this.failure === reason) return;
    this.failure = reason;
    this.logger?.error(
      { fault: reason, err: err instanceof Error ? err.message : String(err) },
      'database cannot commit writes; refusing them with SERVICE_UNAVAILABLE until it can',
    );
  }

  /** The coded error a failed write answers, recording a lasting fault on the way. */
  protected refusal(err: unknown): unknown {
    const coded = writeErrorFrom(err);
    const reason = coded?.extensions.reason as UnavailableReason | undefined;
    if (reason) this.failed(reason, err);
    return coded ?? err;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Refuses a write whose request has already been answered (its deadline passed). */
function checkDeadline(deadline: Deadline | undefined): void {
  if (deadline?.hasExpired) throw serviceUnavailable('deadline');
}

/** Runs COMMIT unless the request's deadline passed first; from then on the deadline never answers. */
async function commitWithin(
  deadline: Deadline | undefined,
  commit: () => Promise<unknown>,
): Promise<void> {
  if (deadline && !deadline.beginCommit()) throw serviceUnavailable('deadline');
  await commit();
}

/**
 * SQLite: one writer at a time in this process (a queue), on a connection of its own, each write
 * in BEGIN IMMEDIATE so another process's writer makes it wait (busy_timeout) at the start rather
 * than fail half-way. After any failure the connection is put back in autocommit (ROLLBACK, then
 * checked with SQLite itself) or closed, before the next write runs.
 */
class SqliteWritePath extends WritePath {
  private conn: sqlite3.Database | null = null;
  private runner: QueryRunner | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly path: string;
  private readonly memory: boolean;
  private readonly identity: string | null;
  private readonly busyTimeoutMs: number;
  private lastCommitAt = 0;

  constructor(db: DataSource) {
    super(db);
    const options = db.options as { database: string; busyTimeout?: number };
    this.path = options.database;
    this.memory = this.path === ':memory:' || this.path === '';
    this.identity = this.memory ? null : fileIdentity(this.path);
    this.busyTimeoutMs = options.busyTimeout ?? 5000;
  }

  /** Whether the file at the path is still the one this process opened (not moved, deleted or replaced). */
  get fileHolds(): boolean {
    return this.memory || (this.identity !== null && fileIdentity(this.path) === this.identity);
  }

  /**
   * A file this process may not write (permissions, an immutable file, a read-only mount) is
   * opened read-only by SQLite without a word: until a write failed, /readyz answered 200 on it.
   */
  checkAtStart(): void {
    if (this.memory) return;
    try {
      accessSync(this.path, constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') this.failed('read-only', err);
    }
  }

  run<T>(work: WriteWork<T>): Promise<T> {
    const deadline = currentDeadline();
    const turn = this.tail.then(() => this.runNow(work, deadline));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  async ready(): Promise<boolean> {
    if (!this.fileHolds) {
      this.failed('moved', new Error(`${this.path} is no longer the file this process opened`));
      return false;
    }
    return super.ready();
  }

  private async runNow<T>(work: WriteWork<T>, deadline: Deadline | undefined): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        checkDeadline(deadline);
        if (!this.fileHolds) throw serviceUnavailable('moved');
        const result = await this.attempt(work, deadline);
        this.succeeded();
        return result;
      } catch (err) {
        const fault = classifyDatabaseError(err);
        if (
          fault?.kind === 'unavailable' &&
          fault.reason === 'busy' &&
          attempt < BUSY_ATTEMPTS &&
          !deadline?.hasExpired
        )
          continue;
        // SQLite opens a write-protected file read-only without a word, and that connection stays
        // read-only after the file is writable again: the next write opens a new one
        if (fault?.kind === 'unavailable' && fault.reason === 'read-only')
          await this.dropConnection();
        throw this.refusal(err);
      }
    }
  }

  private async attempt<T>(work: WriteWork<T>, deadline: Deadline | undefined): Promise<T> {
    const runner = await this.open();
    const gap = this.lastCommitAt + TURN_GAP_MS - Date.now();
    if (gap > 0) await sleep(gap);
    await this.begin(runner, deadline);
    markTransaction(runner, true);
    try {
      const result = await work(runner.manager);
      await commitWithin(deadline, () => runner.query('COMMIT'));
      this.lastCommitAt = Date.now();
      markTransaction(runner, false);
      return result;
    } catch (err) {
      await this.reset(runner);
      throw err;
    }
  }

  /**
   * BEGIN IMMEDIATE: takes the write lock now or waits for it, up to the busy timeout, trying
   * again every few milliseconds (the connection's own busy_timeout is short: SQLite's busy
   * handler backs off to 100 ms sleeps and would rarely find the lock free between another
   * process's writes).
   */
  private async begin(runner: QueryRunner, deadline: Deadline | undefined): Promise<void> {
    const until = Date.now() + this.busyTimeoutMs;
    for (;;) {
      try {
        await runner.query('BEGIN IMMEDIATE');
        return;
      } catch (err) {
        const fault = classifyDatabaseError(err);
        const busy = fault?.kind === 'unavailable' && fault.reason === 'busy';
        if (!busy || Date.now() >= until || deadline?.hasExpired) throw err;
        await sleep(BUSY_POLL_MS * (0.5 + Math.random()));
      }
    }
  }

  private async open(): Promise<QueryRunner> {
    if (this.runner) return this.runner;
    if (this.memory) {
      // one connection is the whole in-memory database: writes share it with reads
      this.runner = this.db.createQueryRunner();
    } else {
      this.conn = await openWriterConnection(this.path, BUSY_POLL_MS);
      this.runner = runnerOn(this.db, this.conn);
    }
    return this.runner;
  }

  /** Rolls back whatever is open; if SQLite still reports a transaction, or cannot say, closes the connection. */
  private async reset(runner: QueryRunner): Promise<void> {
    markTransaction(runner, false);
    try {
      await runner.query('ROLLBACK').catch((err: Error) => {
        if (!/no transaction is active/i.test(err.message)) throw err;
      });
      if (await insideTransaction(runner))
        throw new Error('still inside a transaction after ROLLBACK');
    } catch (err) {
      this.logger?.warn(
        { err: (err as Error).message },
        'write connection left in an unknown state: closing it',
      );
      await this.dropConnection();
    }
  }

  private async dropConnection(): Promise<void> {
    const conn = this.conn;
    this.conn = null;
    this.runner = null;
    if (conn) await closeConnection(conn);
  }

  async close(): Promise<void> {
    await this.tail;
    await this.dropConnection();
  }
}

/**
 * PostgreSQL: each write on a pooled connection of its own, in a transaction; a connection that
 * failed is destroyed rather than returned to the pool. A COMMIT lost with its connection has an
 * unknown outcome, and says so; one the connection was gone before (TypeORM's runner released
 * itself, pg's client not queryable) was never sent, and the write is refused as not written.
 */
class PostgresWritePath extends WritePath {
  async run<T>(work: WriteWork<T>): Promise<T> {
    const deadline = currentDeadline();
    checkDeadline(deadline);
    // releasePostgresConnection(err) is how TypeORM hands pg-pool a broken client to destroy
    const runner = this.db.createQueryRunner('master') as QueryRunner & {
      releasePostgresConnection(err?: Error): Promise<void>;
    };
    let broken: Error | undefined;
    let committing = false;
    try {
      await runner.connect();
      await runner.startTransaction();
      const result = await work(runner.manager);
      committing = true;
      await commitWithin(deadline, () => runner.commitTransaction());
      this.succeeded();
      return result;
    } catch (err) {
      if (runner.isTransactionActive && !committing) {
        await runner.rollbackTransaction().catch((e: Error) => (broken = e));
      }
      const fault = classifyDatabaseError(err);
      if (fault?.kind === 'unavailable') broken = err as Error;
      // a COMMIT refused before it was sent (the connection already gone) is known not committed
      if (
        committing &&
        fault?.kind === 'unavailable' &&
        fault.reason === 'unreachable' &&
        !neverSent(err)
      ) {
        this.failed('unreachable', err);
        throw outcomeUnknown('unreachable');
      }
      throw this.refusal(err);
    } finally {
      await runner.releasePostgresConnection(broken);
    }
  }
}

const paths = new WeakMap<DataSource, WritePath>();

/**
 * The write path of `db` in this process, made at the first call. It closes its own connection
 * when `db` is destroyed: every caller that destroys a data source (server, CLIs, tests) thereby
 * releases the writer too, without knowing of it.
 */
export function writePathOf(db: DataSource): WritePath {
  let path = paths.get(db);
  if (!path) {
    const made: WritePath =
      db.options.type === 'sqlite' ? new SqliteWritePath(db) : new PostgresWritePath(db);
    const destroy = db.destroy.bind(db);
    db.destroy = async () => {
      await made.close();
      return destroy();
    };
    paths.set(db, made);
    path = made;
  }
  return path;
}

/**
 * Runs one write, whole or not at all: the turn every write of this process takes (API,
 * `npm run keys`, the seed loader). Resolves only once the change is committed and durable;
 * otherwise throws a coded GraphQLError (CONFLICT, SERVICE_UNAVAILABLE) or, for a fault we
 * cannot name, the original error.
 */
export function runWrite<T>(db: DataSource, work: WriteWork<T>): Promise<T> {
  return writePathOf(db).run(work);
}

/** Starts following `db`'s writes now (start-up): the file's identity is taken here, and faults are logged. */
export function openWritePath(db: DataSource, logger: Logger): WritePath {
  const path = writePathOf(db);
  path.logger = logger;
  path.checkAtStart();
  return path;
}

/** Whether `db` can commit writes, and its file is still where it was (for /readyz). */
export function writesReady(db: DataSource): Promise<boolean> {
  return writePathOf(db).ready();
}
