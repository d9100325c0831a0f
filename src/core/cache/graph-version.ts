import { DataSource, EntityManager } from 'typeorm';
import { catchUp } from '../graph-snapshot';

/**
 * Marks the graph changed. Call it inside the transaction that changes the graph (the seed
 * loader does; so must any mutation), so the new version is visible exactly when the change is.
 */
export async function bumpGraphVersion(em: EntityManager): Promise<void> {
  await em.query('UPDATE graph_state SET version = version + 1 WHERE id = 1');
}

/**
 * Takes the database's write lock for the rest of the transaction, before it reads anything:
 * on SQLite a transaction that reads first and writes later cannot wait for another process's
 * write (SQLITE_BUSY at once, busy_timeout or not), while one that writes first waits its turn;
 * on PostgreSQL it queues writers on the graph_state row that every write updates anyway. The
 * seed merge and every API write call it first, so neither decides on a read the other changes.
 */
export async function lockGraphForWrite(em: EntityManager): Promise<void> {
  await em.query('UPDATE graph_state SET version = version WHERE id = 1');
}

/** The graph's current version, as committed (read from the primary). */
export async function readGraphVersion(db: DataSource): Promise<number> {
  const rows: { version: number | string }[] = await db.query(
    'SELECT version FROM graph_state WHERE id = 1',
  );
  return Number(rows[0]?.version ?? 0);
}

/**
 * Follows the graph version from the database every `intervalMs`, so each replica (and a single
 * process whose database `npm run seed` changed) notices a change within that time.
 */
const following = new WeakMap<DataSource, GraphVersionWatcher>();

/** The watcher following this database's graph version in this process, if one was started. */
export function graphVersionWatcherOf(db: DataSource): GraphVersionWatcher | undefined {
  return following.get(db);
}

export class GraphVersionWatcher {
  private version = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failing = false;

  /** `onError` hears of the first failed read after a good one, not of every retry. */
  constructor(
    private readonly db: DataSource,
    private readonly intervalMs = 250,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** The version last read. */
  get current(): number {
    return this.version;
  }

  /** Reads the version now, then keeps following it. */
  async start(): Promise<void> {
    await this.refresh();
    following.set(this.db, this);
    this.schedule();
  }

  /**
   * Reads the version now (a write in this process calls it after committing, so this process
   * reads its own writes at once), and when it moved on, starts bringing this process's
   * per-version structures forward (catchUp). Never goes back: a poll that started before a write may
   * finish after the refresh that followed it.
   */
  async refresh(): Promise<number> {
    const read = await readGraphVersion(this.db);
    if (read > this.version) {
      this.version = read;
      void catchUp(this.db, read);
    }
    return this.version;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (following.get(this.db) === this) following.delete(this.db);
  }

  // a chain of timeouts rather than an interval: a slow read never overlaps the next one
  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refresh()
        .then(() => {
          this.failing = false;
        })
        .catch((err) => {
          if (!this.failing) this.onError(err);
          this.failing = true;
        })
        .finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }
}
