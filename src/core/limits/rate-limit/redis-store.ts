import Redis from 'ioredis';
import { Logger } from '../../logger';
import { BucketStore, Take } from './bucket';

/**
 * The token-bucket step of bucket.ts, atomically in Redis. Time is Redis's own clock, so
 * replicas with skewed clocks share one bucket fairly. Returns whole numbers (Redis turns Lua
 * numbers into integers): allowed, remaining, milliseconds to full, milliseconds until enough.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local window_ms = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rate = capacity / window_ms
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = capacity
if state[1] then
  tokens = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * rate)
end
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
local to_full = math.ceil((capacity - tokens) / rate)
redis.call('PEXPIRE', KEYS[1], math.max(1000, to_full))
local until_enough = 0
if allowed == 0 then until_enough = math.ceil((cost - tokens) / rate) end
return { allowed, math.floor(tokens), to_full, until_enough }
`;

/** How long a take may wait for Redis before the request is let through without it. */
const TIMEOUT_MS = 250;

type TakeReply = [number, number, number, number];

/**
 * Token buckets in Redis under `<prefix>ratelimit:<client>`, shared by every replica of one
 * database (the prefix is `<REDIS_PREFIX><identity>:`, so another database on the same Redis
 * has buckets of its own: its key 1 is not this one's key 1). Redis
 * protects the service here rather than serving it: while Redis is unreachable or slow, requests
 * are let through (and a warning is logged once), instead of refusing everyone.
 */
export class RedisBucketStore implements BucketStore {
  private readonly redis: Redis;
  private healthy = true;

  constructor(
    url: string,
    /** Or how to find it (the database's identity is read on first use, and again while that fails). */
    private readonly prefix: string | (() => Promise<string>),
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly logger: Logger,
  ) {
    this.redis = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: TIMEOUT_MS,
    });
    this.redis.defineCommand('takeTokens', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis.on('error', (err: Error) => this.unhealthy(err));
    this.redis.on('ready', () => this.healthyAgain());
  }

  async take(client: string, cost: number): Promise<Take> {
    try {
      const redis = this.redis as unknown as { takeTokens(...args: unknown[]): Promise<TakeReply> };
      const [allowed, remaining, toFullMs, untilEnoughMs] = await redis.takeTokens(
        `${typeof this.prefix === 'string' ? this.prefix : await this.prefix()}ratelimit:${client}`,
        this.capacity,
        this.windowMs,
        cost,
      );
      this.healthyAgain();
      return {
        allowed: allowed === 1,
        limit: this.capacity,
        remaining,
        resetSeconds: Math.ceil(toFullMs / 1000),
        retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(untilEnoughMs / 1000)),
      };
    } catch (err) {
      this.unhealthy(err as Error);
      return {
        allowed: true,
        limit: this.capacity,
        remaining: this.capacity,
        resetSeconds: 0,
        retryAfterSeconds: 0,
      };
    }
  }

  /**
   * Said once when Redis answers after failing: on reconnecting ('ready'), and on the first take
   * that succeeds, for Redis can come back without the connection ever dropping (a network
   * blackhole or a stalled server: takes time out, then answer again).
   */
  private healthyAgain(): void {
    if (!this.healthy) this.logger.info('redis reachable again: rate limits are shared');
    this.healthy = true;
  }

  private unhealthy(err: Error): void {
    if (this.healthy)
      this.logger.warn(
        { err: err.message },
        'redis unreachable: rate limits are not enforced until it is back',
      );
    this.healthy = false;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
