import { databasePrefix } from '../../cache/database-identity';
import { RedisSettings } from '../../config';
import { Logger } from '../../logger';
import { RateLimitSettings } from '../settings';
import { BucketStore } from './bucket';
import { MemoryBucketStore } from './memory-store';

export type { BucketStore, Take } from './bucket';
export { clientIdOf } from './client-id';
export { MemoryBucketStore } from './memory-store';

/**
 * The bucket store the settings ask for: none when off, Redis when configured (keyed by the
 * database's identity, `identity`), else memory.
 */
export function createBucketStore(
  settings: RateLimitSettings,
  redis: RedisSettings | null | undefined,
  logger: Logger,
  identity: () => Promise<string>,
): BucketStore | null {
  if (settings.points === 0) return null;
  const windowMs = settings.windowSeconds * 1000;
  if (redis) {
    const prefix = async () => databasePrefix(redis.prefix, await identity());
    // ioredis is loaded only where REDIS_URL asks for it
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { RedisBucketStore } = require('./redis-store') as typeof import('./redis-store');
    return new RedisBucketStore(redis.url, prefix, settings.points, windowMs, logger);
  }
  return new MemoryBucketStore(settings.points, windowMs);
}
