import { randomBytes } from 'node:crypto';
import { createLogger } from '../../src/core/logger';
import { RedisBucketStore } from '../../src/core/limits/rate-limit/redis-store';

/**
 * The Redis token bucket, against the real Redis that `npm run test:postgres` points
 * TEST_REDIS_URL at (like every *.pg.test.ts, `npm test` leaves it out).
 */
const REDIS_URL = process.env.TEST_REDIS_URL;
(REDIS_URL ? describe : describe.skip)('Rate limiting in Redis', () => {
  const logger = createLogger('silent');
  const prefix = `cgtest:${randomBytes(4).toString('hex')}:`;
  const stores: RedisBucketStore[] = [];
  const store = (capacity = 50, windowMs = 3_600_000, url = REDIS_URL as string) => {
    const s = new RedisBucketStore(url, prefix, capacity, windowMs, logger);
    stores.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  /** ioredis connects in the background, and the store lets requests through until then. */
  const ready = async (s: RedisBucketStore) => {
    for (let i = 0; i < 100 && (await s.take(`warm-up:${i}`, 1)).remaining === 50; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('should share one bucket between replicas', async () => {
    const [a, b] = [store(), store()];
    await ready(a);
    await ready(b);
    expect(await a.take('ip:shared', 30)).toMatchObject({ allowed: true, remaining: 20 });
    expect(await b.take('ip:shared', 30)).toMatchObject({ allowed: false, remaining: 20 });
    expect(await b.take('ip:shared', 20)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await a.take('ip:shared', 1);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(72); // one point of 50 an hour
  });

  it('should take atomically: of 200 concurrent requests, exactly the budget passes', async () => {
    const [a, b] = [store(), store()];
    await ready(a);
    await ready(b);
    const takes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).take('ip:race', 1)),
    );
    expect(takes.filter((t) => t.allowed)).toHaveLength(50);
  });

  it('should let requests through while Redis is unreachable, rather than refuse everyone', async () => {
    const down = store(50, 3_600_000, 'redis://127.0.0.1:1');
    for (let i = 0; i < 60; i += 1) expect((await down.take('ip:x', 1)).allowed).toBe(true);
  });
});
