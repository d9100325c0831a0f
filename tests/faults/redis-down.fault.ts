import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { PausableProxy } from '../support/pausable-proxy';
import { SpawnedServer } from '../support/spawned-server';

/**
 * Redis taken away mid-run and given back, through a proxy this test controls (the real Redis
 * is shared and never touched): while it is gone the server answers every query from the
 * database, unlimited and uncached, and says so once; when it is back, it says so once, and
 * rate limits and the response cache work again, by themselves.
 */
const REDIS_URL = process.env.FAULTS_REDIS_URL || 'redis://127.0.0.1:6379';
const PREFIX = `cg-cache-down-${randomBytes(4).toString('hex')}:`;
/** A budget small enough to exhaust (a query below costs 101), refilled slowly enough to read. */
const POINTS = 1000;
const EXPENSIVE = /* GraphQL */ `
  {
    skills(first: 100) {
      nodes {
        name
      }
    }
  }
`;

describe('Redis stopped and back', () => {
  let dir: string;
  let proxy: PausableProxy;
  let server: SpawnedServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-redis-down-'));
    const target = new URL(REDIS_URL);
    proxy = await PausableProxy.open({ host: target.hostname, port: Number(target.port || 6379) });
    server = await SpawnedServer.start({
      DATABASE_URL: `sqlite:${join(dir, 'redis-down.sqlite')}`,
      REDIS_URL: proxy.urlFor(REDIS_URL),
      REDIS_PREFIX: PREFIX,
      RATE_LIMIT_POINTS: String(POINTS),
      RATE_LIMIT_WINDOW_SECONDS: '86400',
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await proxy?.stop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  const messages = (pattern: RegExp) => server.logs.filter((l) => pattern.test(l.msg)).length;

  /**
   * Each store said "unreachable" once per outage and "reachable again" once at its end: the two
   * alternate, and the last word is "again". (On a busy machine a read slower than the stores'
   * 250 ms timeout is an outage of its own, so the number of outages is not fixed.)
   */
  function expectEveryOutageToEnd() {
    for (const store of ['rate limits', 'responses|caching']) {
      const said = server.logs
        .filter((l) => new RegExp(`redis (unreachable|reachable again): (${store})`).test(l.msg))
        .map((l) => (l.msg.includes('unreachable') ? 'down' : 'back'));
      expect(said.length).toBeGreaterThanOrEqual(2);
      said.forEach((word, i) => expect(word).toBe(i % 2 === 0 ? 'down' : 'back'));
      expect(said[said.length - 1]).toBe('back');
    }
  }
  /** Spends until refused; returns how many were answered and the last code. */
  async function spendAll(max = 20): Promise<{ answered: number; refused: boolean }> {
    let answered = 0;
    for (let i = 0; i < max; i += 1) {
      const reply = await server.post(EXPENSIVE);
      if (reply.body.errors?.[0]?.extensions?.code === 'RATE_LIMITED')
        return { answered, refused: true };
      expect(reply.body.data.skills.nodes.length).toBeGreaterThan(0);
      answered += 1;
    }
    return { answered, refused: false };
  }
  const cached = async (slug: string) =>
    (await server.post(`{ skill(slug: "${slug}") { name } }`)).headers.get('age') !== null;

  it('should limit and cache through Redis, go on without it, and come back to it by itself', async () => {
    // up: the budget runs out, and a repeated query is answered from the cache
    const up = await spendAll();
    expect(up.refused).toBe(true);
    await cached('go');
    expect(await cached('go')).toBe(true);

    // down: every request is answered, none limited, none from the cache
    await proxy.stop();
    const down = await spendAll();
    expect(down).toEqual({ answered: 20, refused: false });
    expect(await cached('go')).toBe(false);
    await server.waitForLog((l) => /redis unreachable: rate limits/.test(l.msg));
    await server.waitForLog((l) => /redis unreachable: responses/.test(l.msg));

    // back: logged once by each, limited and cached again
    await proxy.start();
    await server.waitForLog((l) => /redis reachable again: rate limits/.test(l.msg), 15_000);
    await server.waitForLog((l) => /redis reachable again: caching/.test(l.msg), 15_000);
    const again = await spendAll();
    expect(again.refused).toBe(true); // the bucket in Redis was still empty
    await cached('python');
    expect(await cached('python')).toBe(true);

    const counts = {
      rateLimitDown: messages(/redis unreachable: rate limits/),
      rateLimitBack: messages(/redis reachable again: rate limits/),
      cacheDown: messages(/redis unreachable: responses/),
      cacheBack: messages(/redis reachable again: caching/),
    };
    console.log(
      `Redis stopped and back: up ${JSON.stringify(up)}, down ${JSON.stringify(down)}, back ${JSON.stringify(again)}; log lines ${JSON.stringify(counts)}`,
    );
    expectEveryOutageToEnd();
  }, 60_000);

  it('should say when a blackholed Redis answers again, though no connection was lost', async () => {
    const before = {
      rateLimitDown: messages(/redis unreachable: rate limits/),
      rateLimitBack: messages(/redis reachable again: rate limits/),
      cacheDown: messages(/redis unreachable: responses/),
      cacheBack: messages(/redis reachable again: caching/),
    };
    proxy.blackhole();
    // every request is answered in spite of it (each waits at most the stores' timeouts)
    for (let i = 0; i < 5; i += 1) {
      const reply = await server.post(`{ skill(slug: "java") { name } }`);
      expect(reply.body.data.skill.name).toBe('Java');
    }
    proxy.deliver();
    const answer = await server.post(`{ skill(slug: "go") { name } }`);
    expect(answer.body.data.skill.name).toBe('Go');
    const said = async (pattern: RegExp, more: number) => {
      for (
        const until = Date.now() + 10_000;
        Date.now() < until;
        await new Promise((r) => setTimeout(r, 50))
      ) {
        if (messages(pattern) > more) return;
      }
    };
    await said(/redis reachable again: rate limits/, before.rateLimitBack);
    await said(/redis reachable again: caching/, before.cacheBack);
    const after = {
      rateLimitDown: messages(/redis unreachable: rate limits/) - before.rateLimitDown,
      rateLimitBack: messages(/redis reachable again: rate limits/) - before.rateLimitBack,
      cacheDown: messages(/redis unreachable: responses/) - before.cacheDown,
      cacheBack: messages(/redis reachable again: caching/) - before.cacheBack,
    };
    console.log(`Redis blackholed and back: log lines ${JSON.stringify(after)}`);
    expect(after.rateLimitDown).toBeGreaterThanOrEqual(1);
    expect(after.cacheDown).toBeGreaterThanOrEqual(1);
    expectEveryOutageToEnd();
  }, 60_000);
});
