import { takeFrom } from '../../src/core/limits/rate-limit/bucket';
import { MemoryBucketStore } from '../../src/core/limits/rate-limit/memory-store';
import { clientIdOf } from '../../src/core/limits/rate-limit';

describe('Token bucket', () => {
  it('should start full and spend what a request costs', () => {
    const { state, take } = takeFrom(undefined, 100, 60_000, 30, 0);
    expect(take).toEqual({
      allowed: true,
      limit: 100,
      remaining: 70,
      resetSeconds: 18,
      retryAfterSeconds: 0,
    });
    expect(state).toEqual({ tokens: 70, at: 0 });
  });

  it('should refuse a request the bucket cannot pay for, saying when it could', () => {
    const { state, take } = takeFrom({ tokens: 10, at: 0 }, 100, 60_000, 40, 0);
    expect(take).toEqual({
      allowed: false,
      limit: 100,
      remaining: 10,
      resetSeconds: 54,
      retryAfterSeconds: 18,
    });
    expect(state.tokens).toBe(10); // a refusal spends nothing
  });

  it('should refill evenly over the window, never beyond its size', () => {
    expect(takeFrom({ tokens: 0, at: 0 }, 100, 60_000, 1, 30_000).take.remaining).toBe(49);
    expect(takeFrom({ tokens: 0, at: 0 }, 100, 60_000, 1, 600_000).take.remaining).toBe(99);
  });

  it('should keep one bucket per client in memory', async () => {
    let now = 0;
    const store = new MemoryBucketStore(10, 10_000, () => now);
    expect((await store.take('ip:a', 10)).allowed).toBe(true);
    expect((await store.take('ip:a', 1)).allowed).toBe(false);
    expect((await store.take('ip:b', 1)).allowed).toBe(true);
    now = 1000; // one point back per second
    expect(await store.take('ip:a', 1)).toMatchObject({ allowed: true, remaining: 0 });
    expect(store.size).toBe(2);
  });
});

describe('Rate-limit client identity', () => {
  it('should bucket a verified API key by its id, wherever it calls from', () => {
    expect(clientIdOf({ auth: { keyId: 7 }, clientIp: '10.0.0.1' })).toBe('key:7');
  });

  it('should bucket anonymous callers by address', () => {
    expect(clientIdOf({ auth: null, clientIp: '10.0.0.1' })).toBe('ip:10.0.0.1');
  });
});

describe('Rate-limit memory', () => {
  it('should forget the least recently used client past the bucket limit', async () => {
    const store = new MemoryBucketStore(10, 10_000, () => 0, 3);
    for (const client of ['ip:a', 'ip:b', 'ip:c']) await store.take(client, 10);
    await store.take('ip:a', 1); // a is used again: b is now the least recent
    await store.take('ip:d', 10);
    expect(store.size).toBe(3);
    expect((await store.take('ip:a', 1)).allowed).toBe(false); // still its own, empty bucket
    expect((await store.take('ip:b', 1)).allowed).toBe(true); // forgotten: a full bucket again
  });

  it('should keep a made-up address of any length as a short key', () => {
    const long = clientIdOf({ clientIp: 'x'.repeat(16_000) });
    expect(long.length).toBeLessThan(64);
    expect(long).not.toBe(clientIdOf({ clientIp: 'y'.repeat(16_000) }));
    expect(clientIdOf({ clientIp: '2001:db8::1' })).toBe('ip:2001:db8::1');
  });
});
