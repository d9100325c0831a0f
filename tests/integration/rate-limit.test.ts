import { createApiKey } from '../../src/core/auth/keys';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { DEFAULT_SECURITY } from '../../src/core/limits';
import { json, startHttp } from '../support/server';

/** Rate limiting by cost, per client, with the in-memory store (the Redis one: rate-limit.redis.pg.test.ts). */
describe('Rate limiting', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;
  // 50 points an hour: nothing measurable refills while the suite runs.
  const security = { ...DEFAULT_SECURITY, rateLimit: { points: 50, windowSeconds: 3600 } };
  const query = /* GraphQL */ `
    {
      roles(first: 10) {
        nodes {
          name
        }
      }
    }
  `; // costs 1 + 10

  beforeAll(async () => {
    server = await startHttp(undefined, { config: { security } });
  });
  afterAll(() => server.stop());

  const post = (headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });

  it('should spend each query its cost and answer 429 RATE_LIMITED once the budget is gone', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await post();
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('50');
      remaining.push(res.headers.get('ratelimit-remaining') as string);
      const body = await json(res);
      // The limit of one query is the whole bucket when that is smaller than MAX_QUERY_COST.
      expect(body.extensions.cost).toEqual({
        requested: 11,
        limit: 50,
        rateLimit: expect.objectContaining({ limit: 50 }),
      });
    }
    expect(remaining).toEqual(['39', '28', '17', '6']);

    const refused = await post();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-remaining')).toBe('6');
    const body = await json(refused);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: retryAfter,
    });
    expect(body.errors[0].message).toMatch(
      /^Rate limit exceeded: this query costs 11 and 6 of 50 points are left; retry in \d+ s$/,
    );
    expect(body.extensions.sqlStatements).toBe(0);
  });

  it('should still serve a query the rest of the budget pays for', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ role(slug: "backend-developer") { name } }' }), // costs 1
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-remaining')).toBe('5');
  });

  it('should not hand out fresh budgets for a forged X-Forwarded-For (no proxy is trusted by default)', async () => {
    const res = await post({ 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(429);
  });

  it('should give an API key its own budget, apart from its address', async () => {
    const { key } = await createApiKey(server.db, 'rate limit test', ApiRole.READER);
    const res = await post({ authorization: `Bearer ${key}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-remaining')).toBe('39');
  });
});
