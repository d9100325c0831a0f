import { DataSource } from 'typeorm';

/** What a per-version structure needs of a request: its database and the version it reads. */
export interface VersionScope {
  loaders: { db: DataSource; graphVersion(): Promise<number> };
}

/** One record a write touched, as the change feed names it (links are changes to their owner). */
export interface GraphChange {
  kind: string;
  key: string;
  change: 'CREATED' | 'UPDATED' | 'DELETED';
}

/** The changes between two graph versions: every feed row with from < graph_version <= to. */
export interface GraphDelta {
  from: number;
  to: number;
  changes: GraphChange[];
}

/** Beyond this many changes a structure is built afresh rather than updated. */
const MAX_DELTA = 500;

/**
 * The change feed's rows between two versions, or null when they cannot describe the step: some
 * version in (from, to] has no row (a seed run, a restore) or there are too many to be worth it.
 */
async function readDelta(db: DataSource, from: number, to: number): Promise<GraphDelta | null> {
  // a raw query goes to the primary, where the version was read (a replica may lag behind it)
  const [a, b] = db.options.type === 'postgres' ? ['$1', '$2'] : ['?', '?'];
  const rows: { graph_version: number | string; kind: string; record_key: string; change: string }[] = await db.query(
    `SELECT graph_version, kind, record_key, change FROM change_feed WHERE graph_version > ${a} AND graph_version <= ${b} ORDER BY id LIMIT ${MAX_DELTA + 1}`,
    [from, to],
  );
  if (rows.length > MAX_DELTA) return null;
  const versions = new Set(rows.map((r) => Number(r.graph_version)));
  if (versions.size !== to - from) return null;
  return { from, to, changes: rows.map((r) => ({ kind: r.kind, key: r.record_key, change: r.change as GraphChange['change'] })) };
}

/**
 * A structure derived from the whole graph (every transition, every skill name), built once per
 * graph version and kept in this process: requests between two writes share it. The first request
 * after a write (the version moves on in the write's transaction) builds it anew, or, given
 * `update`, derives it from the previous one and the change feed's rows in between. `update` must
 * leave `previous` as it was: requests still reading the older version may be using it.
 */
export function perGraphVersion<T>(
  build: (db: DataSource) => Promise<T>,
  options: { update?: (previous: T, delta: GraphDelta, db: DataSource) => Promise<T> } = {},
): (ctx: VersionScope) => Promise<T> {
  const cache = new WeakMap<DataSource, { version: number; value: Promise<T> }>();
  const advance = async (db: DataSource, cached: { version: number; value: Promise<T> }, to: number): Promise<T> => {
    const update = options.update;
    const previous = await cached.value.then(
      (value) => ({ value }),
      () => null,
    );
    const delta = update && previous ? await readDelta(db, cached.version, to) : null;
    return update && previous && delta ? update(previous.value, delta, db) : build(db);
  };
  return async (ctx) => {
    const db = ctx.loaders.db;
    const version = await ctx.loaders.graphVersion(); // fixed for the request at its first use
    const cached = cache.get(db);
    // a request that read the version just before a write may arrive after one that read it
    // just after: it gets the newer structure rather than throwing that one away
    if (cached && cached.version >= version) return cached.value;
    const value = cached && options.update ? advance(db, cached, version) : build(db);
    cache.set(db, { version, value });
    value.catch(() => {
      if (cache.get(db)?.value === value) cache.delete(db); // a failed build is not kept
    });
    return value;
  };
}
