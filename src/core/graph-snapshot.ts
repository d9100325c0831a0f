import { DataSource } from 'typeorm';

/** What a per-version structure needs of a request: its database and the version it reads. */
export interface VersionScope {
  loaders: { db: DataSource; graphVersion(): Promise<number> };
}

/**
 * A structure derived from the whole graph (every transition, every skill name), built once per
 * graph version and kept in this process: requests between two writes share it, and the first
 * request after a write (the version moves on in the write's transaction) builds it anew.
 */
export function perGraphVersion<T>(build: (db: DataSource) => Promise<T>): (ctx: VersionScope) => Promise<T> {
  const cache = new WeakMap<DataSource, { version: number; value: Promise<T> }>();
  return async (ctx) => {
    const db = ctx.loaders.db;
    const version = await ctx.loaders.graphVersion(); // fixed for the request at its first use
    const cached = cache.get(db);
    // a request that read the version just before a write may arrive after one that read it
    // just after: it gets the newer structure rather than throwing that one away
    if (cached && cached.version >= version) return cached.value;
    const value = build(db);
    cache.set(db, { version, value });
    value.catch(() => {
      if (cache.get(db)?.value === value) cache.delete(db); // a failed build is not kept
    });
    return value;
  };
}
