import { createHash } from 'node:crypto';
import { BaseContext } from '@apollo/server';
import { DataSource } from 'typeorm';
import { RedisSettings } from '../config';
import { Logger } from '../logger';
import type { RequestPart } from '../request-parts';
import { AnswerCacheScope, answerCachePart } from './answer-cache.plugin';
import { databaseIdentity, databasePrefix } from './database-identity';
import { GraphVersionWatcher } from './graph-version';
import { NeverStoredTexts } from './never-stored';
import { ReplayHook, replayHook, ReplayOptions } from './replay';
import { answerKey, memoryAnswerStore, redisAnswerStore } from './stored-answer';

/** What one server adds to Apollo and to its route for the response cache. */
export interface ResponseCacheHooks {
  /**
   * The last per-request part: looks answers up on the Apollo path (after the limits, before
   * execution), stores what may be stored, dates hits (`Age`).
   */
  part: RequestPart<BaseContext>;
  /** Answers before Apollo (the route's hook); creating it tells the plugin those lookups are made there. */
  replay(options: ReplayOptions): ReplayHook;
}

/** Whole responses of queries, cached for as long as their cache hints allow. */
export interface ResponseCache {
  /**
   * The hooks for one server. `server` names what decides whether a stored answer may be given
   * again without parsing and validating its query (the query limits, the schema): two servers
   * that differ there never share an entry.
   */
  forServer(server: string): ResponseCacheHooks;
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
 * The response cache, keyed by the database's identity and graph version as well as the query
 * and its variables (the identity keeps apart databases that share a Redis and count versions
 * from the same numbers; see database-identity.ts): a write bumps the version, so every replica
 * stops serving entries of the old graph as soon as it reads the new version (within `pollMs`).
 * Entries go to Redis when REDIS_URL is set, so a response computed by one replica serves them
 * all; else to a bounded LRU in this process. What is cached, and for how long, follows the
 * cache-control policy (answers with errors, mutations and private answers never). Answers are
 * kept as the JSON they are sent as, and replayed before Apollo (replay.ts) where the request
 * allows it.
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
  const store = redis ? redisAnswerStore(redis) : memoryAnswerStore();
  return {
    forServer(server) {
      const fingerprint = createHash('sha256').update(server).digest('base64url').slice(0, 16);
      const scope: AnswerCacheScope = {
        store,
        identity,
        version: () => watcher.current,
        keyOf: (version, query, operationName, variables) =>
          answerKey(`${identity}:${version}:${fingerprint}`, query, operationName, variables),
        replayInFront: false,
        neverStored: new NeverStoredTexts(),
      };
      return {
        part: answerCachePart(scope),
        replay(replayOptions) {
          scope.replayInFront = true;
          return replayHook(scope, replayOptions);
        },
      };
    },
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
