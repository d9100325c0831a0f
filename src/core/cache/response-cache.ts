import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { DataSource } from 'typeorm';
import { RedisSettings } from '../config';
import { readsRootField } from '../http-cache/static-policy';
import { Logger } from '../logger';
import { databaseIdentity, databasePrefix } from './database-identity';
import { GraphVersionWatcher } from './graph-version';

/** Whole responses of queries, cached for as long as their cache hints allow. */
export interface ResponseCache {
  plugin: ApolloServerPlugin<BaseContext>;
  /** Where entries live: `redis` (shared by replicas) or `memory` (this process). */
  store: 'redis' | 'memory';
  /** The graph version responses are cached under. */
  readonly version: number;
  /** The database's identity (src/core/cache/database-identity.ts), which every entry is keyed by too. */
  readonly identity: string;
  /** Reads the graph version now rather than at the next poll. */
  refresh(): Promise<number>;
  close(): Promise<void>;
}

export interface ResponseCacheOptions {
  db: DataSource;
  redis: RedisSettings | null;
  logger: Logger;
  /** How often to read the graph version (ms); a change is seen within this time. */
  pollMs?: number;
}

/**
 * Apollo's response cache, keyed by the database's identity and graph version as well as the
 * query and its variables (the identity keeps apart databases that share a Redis and count
 * versions from the same numbers; see database-identity.ts):
 * a write bumps the version, so every replica stops serving entries of the old graph as soon as
 * it reads the new version (within `pollMs`). Entries go to Redis when REDIS_URL is set, so a
 * response computed by one replica serves them all; else to Apollo's in-process LRU cache.
 * What is cached, and for how long, follows the cache-control hints (responses with errors never).
 */
export async function createResponseCache(options: ResponseCacheOptions): Promise<ResponseCache> {
  const watcher = new GraphVersionWatcher(options.db, options.pollMs, (err) =>
    options.logger.warn({ err: (err as Error).message }, 'could not read the graph version'),
  );
  const identity = await databaseIdentity(options.db);
  await watcher.start();
  // the Redis client (about 450 modules) is loaded only where REDIS_URL asks for it
  const redis = options.redis
    ? (await import('./redis-store')).redisResponseStore(
        { ...options.redis, prefix: databasePrefix(options.redis.prefix, identity) },
        options.logger,
      )
    : null;
  const plugin = responseCachePlugin<BaseContext>({
    ...(redis ? { cache: redis } : {}),
    extraCacheKeyData: async () => ({ database: identity, graphVersion: watcher.current }),
    // an operation that runs no field of the schema (`{ __typename }`, introspection) is never
    // stored, whatever the hints: no key to hash, no lookup (a Redis round trip) to make
    shouldReadFromCache: async ({ operation, document, request }) =>
      !!operation && !!document && readsRootField(operation, document, request.variables),
  });
  return {
    plugin,
    store: redis ? 'redis' : 'memory',
    get version() {
      return watcher.current;
    },
    identity,
    refresh: () => watcher.refresh(),
    async close() {
      watcher.stop();
      await redis?.close();
    },
  };
}
