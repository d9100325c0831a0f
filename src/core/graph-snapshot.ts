import { DataSource } from 'typeorm';
import { readGraphVersion } from './cache/graph-version';
import { Context } from './context';

const versions = new WeakMap<Context, Promise<number>>();

/** The graph version this request sees, read once per request. */
export function graphVersionOf(ctx: Context): Promise<number> {
  let version = versions.get(ctx);
  if (!version) {
    version = readGraphVersion(ctx.db);
    versions.set(ctx, version);
  }
  return version;
}

/**
 * A structure derived from the whole graph (every transition, every skill name), built once per
 * graph version and kept in this process: requests between two writes share it, and the first
 * request after a write (the version moves on in the write's transaction) builds it anew.
 */
export function perGraphVersion<T>(build: (db: DataSource) => Promise<T>): (ctx: Context) => Promise<T> {
  const cache = new WeakMap<DataSource, { version: number; value: Promise<T> }>();
  return async (ctx) => {
    const version = await graphVersionOf(ctx);
    const cached = cache.get(ctx.db);
    if (cached && cached.version === version) return cached.value;
    const value = build(ctx.db);
    cache.set(ctx.db, { version, value });
    value.catch(() => cache.delete(ctx.db)); // a failed build is not kept
    return value;
  };
}
