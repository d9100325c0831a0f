import { AsyncResource } from 'node:async_hooks';
import { DataSource } from 'typeorm';
import { onPrimary } from './data-source';

/** What a per-version structure needs of a request: its database and the version it reads. */
export interface VersionScope {
  loaders: { db: DataSource; graphVersion(): Promise<number> };
}

/** One record created, updated or deleted, as the change feed names it. */
export interface GraphChange {
  kind: string;
  key: string;
  change: 'CREATED' | 'UPDATED' | 'DELETED';
}

/** Every change that took the graph from version `from` to version `to`. */
export interface GraphDelta {
  from: number;
  to: number;
  changes: GraphChange[];
}

/** Above this many changes a structure is rebuilt rather than updated. */
export const MAX_DELTA_CHANGES = 500;

/**
 * A structure derived from the whole graph (every transition, every skill name), kept in this
 * process per graph version: requests between two writes share it. The first request after a
 * write (the version moves on in the write's transaction) builds it anew, or, with `update`,
 * brings the previous one forward by the delta the change feed records between the two versions
 * (see readDelta: when the feed cannot tell what changed, it builds anew after all). Requests
 * racing to the same new version share one build or update.
 */
export function perGraphVersion<T>(
  build: (db: DataSource) => Promise<T>,
  options: { update?: (previous: T, delta: GraphDelta, db: DataSource) => Promise<T> } = {},
): PerGraphVersion<T> {
  const cache = new WeakMap<DataSource, Kept<T>>();
  const { update } = options;
  const at = (db: DataSource, version: number): Kept<T> => {
    const cached = cache.get(db);
    // a request that read the version just before a write may arrive after one that read it
    // just after: it gets the newer structure rather than throwing that one away
    if (cached && cached.version >= version) return cached;
    const value = cached && update ? forward(db, cached, version, build, update) : build(db);
    const entry: Kept<T> = { version, value, asked: false };
    cache.set(db, entry);
    value.then(
      (built) => (entry.built = built),
      () => {
        if (cache.get(db)?.value === value) cache.delete(db); // a failed build is not kept
      },
    );
    return entry;
  };
  const get = async (ctx: VersionScope) => {
    const entry = at(ctx.loaders.db, await ctx.loaders.graphVersion()); // fixed for the request at its first use
    entry.asked = true;
    return entry.value;
  };
  if (update) {
    kept.add((db, version) => {
      const cached = cache.get(db);
      if (!cached) return undefined;
      if (cached.version >= version) return cached.value;
      // only what requests asked for since the last write: a run of writes with no reads between
      // them moves nothing on until a request asks
      return cached.asked ? at(db, version).value : undefined;
    });
  }
  return Object.assign(get, {
    peek: (db: DataSource, version: number) => {
      const cached = cache.get(db);
      if (!cached || cached.version < version || cached.built === undefined) return undefined;
      cached.asked = true;
      return cached.built;
    },
  });
}

/** A structure kept for one database: its version, and whether a request asked for it since. */
interface Kept<T> {
  version: number;
  value: Promise<T>;
  built?: T;
  asked: boolean;
}

/** Every structure that can be brought forward by a delta, as `catchUp` moves them on. */
const kept = new Set<(db: DataSource, version: number) => Promise<unknown> | undefined>();

/** The context catchUp's work runs in: no request's, so no request's deadline or SQL count. */
const detached = new AsyncResource('graph-catch-up');

/**
 * Starts bringing every per-version structure built for `db` and asked for since the last
 * write forward to `version`, in the background, as soon as this process learns the version
 * moved on (its watcher's poll, or a write made here): the first request of the new version
 * then finds them ready or under way instead of paying for the change feed's read and the
 * updates itself. Resolves once they are (a failed update is left for a request to retry). The
 * graph tables move on here and start reading the rows the write reached (GraphTables.after); the
 * indexes computed from them are computed again when a request first asks: computing them all at
 * once made any read right after a write wait for all of them, which at 10x and 100x cost reads
 * more than it saved (bench/README.md, eleventh and nineteenth sessions).
 */
export function catchUp(db: DataSource, version: number): Promise<void> {
  return inBackground(async () => {
    const moving = [...kept].map((advance) => advance(db, version));
    await Promise.allSettled(moving);
  });
}

/** Runs `work` in no request's context (no request's deadline or SQL count). */
export function inBackground<T>(work: () => T): T {
  return detached.runInAsyncScope(work);
}

/** A structure kept per graph version: the call waits for it; `peek` gives it only if built. */
export type PerGraphVersion<T> = ((ctx: VersionScope) => Promise<T>) & {
  /** What the call would give a request reading `version`, if that is already built. */
  peek(db: DataSource, version: number): T | undefined;
};

async function forward<T>(
  db: DataSource,
  previous: { version: number; value: Promise<T> },
  to: number,
  build: (db: DataSource) => Promise<T>,
  update: (previous: T, delta: GraphDelta, db: DataSource) => Promise<T>,
): Promise<T> {
  const [delta, value] = await Promise.all([
    readDelta(db, previous.version, to),
    previous.value.catch(() => undefined),
  ]);
  if (!delta || value === undefined) return build(db);
  return update(value, delta, db);
}

interface FeedCache {
  /** Each version's changes; an empty list for a version the feed has no row for. */
  versions: Map<number, GraphChange[]>;
  pending: Map<string, Promise<GraphDelta | null>>;
}

const feeds = new WeakMap<DataSource, FeedCache>();
/** Versions whose changes stay known, so structures a few versions behind share the read. */
const KEPT_VERSIONS = 2 * MAX_DELTA_CHANGES;

/**
 * The changes between two graph versions, as the change feed records them, or null when a
 * structure must be built anew: more than MAX_DELTA_CHANGES changes, or a version in between
 * that the feed has no row for (a bump that recorded nothing, such as a seed load). Read from
 * the primary once per version step, whichever structures ask.
 */
export function readDelta(db: DataSource, from: number, to: number): Promise<GraphDelta | null> {
  if (to <= from) return Promise.resolve({ from, to, changes: [] });
  if (to - from > MAX_DELTA_CHANGES) return Promise.resolve(null); // every version has a row, or none helps
  const feed = feedOf(db);
  const known = assemble(feed, from, to);
  if (known !== undefined) return Promise.resolve(known);
  const key = `${from}:${to}`;
  let pending = feed.pending.get(key);
  if (!pending) {
    const cache = feed;
    pending = fetchRange(db, cache, from, to).finally(() => cache.pending.delete(key));
    feed.pending.set(key, pending);
  }
  return pending;
}

/**
 * What a write committed in this process recorded in the change feed, version by version, so
 * the structures it moves on need not read back what this process just wrote. Call it only
 * once the transaction has committed: committed versions never change.
 */
export function noteCommitted(db: DataSource, versions: ReadonlyMap<number, GraphChange[]>): void {
  if (!versions.size) return;
  const feed = feedOf(db);
  for (const [v, changes] of versions) feed.versions.set(v, changes);
  prune(feed, Math.max(...versions.keys()));
}

function feedOf(db: DataSource): FeedCache {
  let feed = feeds.get(db);
  if (!feed) feeds.set(db, (feed = { versions: new Map(), pending: new Map() }));
  return feed;
}

function prune(feed: FeedCache, latest: number): void {
  for (const v of feed.versions.keys()) if (v <= latest - KEPT_VERSIONS) feed.versions.delete(v);
}

/** The delta from what `feed` already holds; undefined when a version in (from, to] is unknown. */
function assemble(feed: FeedCache, from: number, to: number): GraphDelta | null | undefined {
  const changes: GraphChange[] = [];
  for (let v = from + 1; v <= to; v++) {
    const step = feed.versions.get(v);
    if (!step) return undefined;
    if (!step.length) return null;
    changes.push(...step);
  }
  return changes.length > MAX_DELTA_CHANGES ? null : { from, to, changes };
}

async function fetchRange(
  db: DataSource,
  feed: FeedCache,
  from: number,
  to: number,
): Promise<GraphDelta | null> {
  // on the primary: the version came from it, and a replica may not have the feed rows yet
  const rows: { v: number | string; kind: string; key: string; change: GraphChange['change'] }[] =
    await onPrimary(db, (m) =>
      m
        .createQueryBuilder()
        .select('f.graph_version', 'v')
        .addSelect('f.kind', 'kind')
        .addSelect('f.record_key', 'key')
        .addSelect('f.change', 'change')
        .from('change_feed', 'f')
        .where('f.graph_version > :from AND f.graph_version <= :to', { from, to })
        .orderBy('f.id', 'ASC')
        .limit(MAX_DELTA_CHANGES + 1)
        .getRawMany(),
    );
  if (rows.length > MAX_DELTA_CHANGES) return null; // the last version read may be incomplete: keep none
  const steps = new Map<number, GraphChange[]>();
  for (let v = from + 1; v <= to; v++) steps.set(v, []);
  for (const row of rows)
    steps.get(Number(row.v))?.push({ kind: row.kind, key: row.key, change: row.change });
  // committed versions never change: what was read holds for every later request
  for (const [v, step] of steps) feed.versions.set(v, step);
  prune(feed, to);
  return assemble(feed, from, to) ?? null;
}
