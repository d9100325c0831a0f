import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@keyv/redis';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { createApiKey } from '../../src/core/auth/keys';
import { createDataSource } from '../../src/app/data-source';
import { createTestDatabase, databaseUrlOf, TestDatabase } from '../support/database';
import { copyOfSeeds, editSeed } from '../support/fixtures';
import { SEEDS_DIR } from '../support/server';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const SEED_CLI = join(ROOT, 'dist', 'seeding', 'cli.js');
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

const LEVEL = /* GraphQL */ `
  query Level($slug: String!) {
    roleLevel(slug: $slug) {
      slug
      yearsInLevel {
        min
        max
      }
    }
  }
`;

interface Replica {
  name: string;
  process: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `node dist/main.js` on a free port; resolves once it logs the port it listens on. */
function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /"port":(\d+)[^\n]*careergraph listening/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ name, process: child, url: `http://127.0.0.1:${port}`, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${output}`));
    });
  });
}

async function graphql(
  replica: Replica,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
) {
  const res = await fetch(`${replica.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: any;
    errors?: unknown[];
    extensions?: Record<string, any>;
  };
  return { status: res.status, ...body };
}

/** How many responses Redis holds under `prefix` (each database's under `<prefix><identity>:response::`). */
async function cachedResponses(prefix: string): Promise<number> {
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  try {
    return (await redis.keys(`${prefix}*:response::*`)).length;
  } finally {
    await redis.quit();
  }
}

/** Waits (up to 2 s) until Redis holds more than `count` responses under `prefix`. */
async function moreCachedThan(prefix: string, count: number): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if ((await cachedResponses(prefix)) > count) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no new response was cached in Redis');
}

const yearsAt = async (replica: Replica) =>
  (await graphql(replica, LEVEL, { slug: 'mid-level-backend-developer' })).data.roleLevel
    .yearsInLevel;

describe('Two replicas on one PostgreSQL and one Redis', () => {
  const prefix = `cgtest-${randomBytes(4).toString('hex')}:`;
  let database: TestDatabase;
  let a: Replica;
  let b: Replica;
  let edited: string;
  let editorKey: string;

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error(
        'dist/main.js is missing: run `npm run build` first (npm run test:postgres does)',
      );
    database = await createTestDatabase('replicas');
    const env = {
      DATABASE_URL: databaseUrlOf(database.settings),
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SEEDS_DIR,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      // a budget this suite cannot spend (about one point back per second), to read it go down
      RATE_LIMIT_POINTS: '100000',
      RATE_LIMIT_WINDOW_SECONDS: '86400',
    };
    // started together: the advisory lock lets one migrate and seed while the other waits
    [a, b] = await Promise.all([startReplica('replica A', env), startReplica('replica B', env)]);
    const admin = createDataSource(database.settings);
    await admin.initialize();
    editorKey = (await createApiKey(admin, 'replicas test', ApiRole.EDITOR)).key;
    await admin.destroy();
    edited = copyOfSeeds();
    editSeed(
      edited,
      'roles/backend-developer.yaml',
      /yearsInLevel:\s*\{\s*min:\s*2,\s*max:\s*4\b/,
      'yearsInLevel: { min: 2, max: 7',
    );
  }, 60_000);

  afterAll(async () => {
    for (const replica of [a, b]) {
      if (replica && replica.process.exitCode === null && replica.process.signalCode === null) {
        replica.process.kill('SIGTERM');
        await replica.exited;
      }
    }
    await database?.dispose();
    rmSync(edited, { recursive: true, force: true });
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(keys);
    await redis.quit();
  });

  it('should have both replicas ready, on the same data', async () => {
    for (const replica of [a, b]) expect((await fetch(`${replica.url}/readyz`)).status).toBe(200);
    expect(await yearsAt(a)).toEqual({ min: 2, max: 4 });
    expect(await yearsAt(b)).toEqual({ min: 2, max: 4 });
  });

  it('should share the response cache: an answer computed by A serves B without SQL', async () => {
    const query = /* GraphQL */ `
      {
        role(slug: "solution-architect") {
          name
          levels {
            slug
          }
        }
      }
    `;
    const cached = await cachedResponses(prefix);
    const fromA = await graphql(a, query);
    await moreCachedThan(prefix, cached); // A stores its answer in the background, after replying
    const fromB = await graphql(b, query);
    expect(fromA.extensions?.sqlStatements).toBeGreaterThan(0);
    expect(fromB.data).toEqual(fromA.data);
    expect(fromB.extensions?.sqlStatements).toBe(0);
  });

  it('should leave no request in flight once answers replayed from Redis are sent', async () => {
    const query = '{ role(slug: "devops-engineer") { name } }';
    const cached = await cachedResponses(prefix);
    await graphql(a, query);
    await moreCachedThan(prefix, cached);
    const replayed = await Promise.all(Array.from({ length: 20 }, () => graphql(b, query)));
    expect(replayed.map((answer) => answer.extensions?.sqlStatements)).toEqual(Array(20).fill(0));
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^careergraph_graphql_requests_in_flight 0$/m);
  });

  it("should share a client's rate limit: what it spends through A is gone through B", async () => {
    const query = /* GraphQL */ `
      {
        roles(first: 3) {
          totalCount
          nodes {
            slug
          }
        }
      }
    `;
    const throughA = await graphql(a, query);
    const throughB = await graphql(b, query);
    const spent = throughA.extensions?.cost?.requested as number;
    const [left1, left2] = [throughA, throughB].map(
      (r) => r.extensions?.cost?.rateLimit?.remaining as number,
    );
    expect(spent).toBeGreaterThan(0);
    expect(left1).toBeLessThanOrEqual(100000 - spent);
    // one bucket in Redis: B charges it after A did (a point or two may flow back meanwhile)
    expect(left2).toBeGreaterThanOrEqual(left1 - spent);
    expect(left2).toBeLessThanOrEqual(left1 - spent + 2);
  });

  it('should show a mutation through A read back through B within one second', async () => {
    const sector = /* GraphQL */ `
      {
        sector(slug: "space-industry") {
          name
        }
      }
    `;
    expect((await graphql(b, sector)).data).toEqual({ sector: null }); // and B caches that answer
    const created = await graphql(
      a,
      /* GraphQL */ `
        mutation ($input: SectorCreateInput!) {
          sectorCreate(input: $input) {
            sector {
              slug
            }
          }
        }
      `,
      {
        input: {
          slug: 'space-industry',
          name: 'Space industry',
          description: 'Launchers and satellites',
          cite: [{ source: 'backend-career-guide', section: 'Core technical skills' }],
        },
      },
      editorKey,
    );
    expect(created.errors).toBeUndefined();
    const written = Date.now();
    let seen: unknown;
    while (Date.now() - written < 1000) {
      seen = (await graphql(b, sector)).data;
      if ((seen as { sector: unknown }).sector) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen).toEqual({ sector: { name: 'Space industry' } });
    expect(Date.now() - written).toBeLessThan(1000);
  });

  it('should show a seed load (npm run seed) read back through both replicas within one second', async () => {
    expect(await yearsAt(b)).toEqual({ min: 2, max: 4 }); // B holds the answer in the shared cache
    const write = await promisify(execFile)(process.execPath, [SEED_CLI, '--from', edited], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrlOf(database.settings) },
    });
    expect(JSON.parse(write.stdout)).toMatchObject({ inserted: 0, updated: 1, deleted: 0 });
    const written = Date.now();
    const seen = { a: undefined as unknown, b: undefined as unknown };
    while (Date.now() - written < 1000) {
      [seen.a, seen.b] = await Promise.all([yearsAt(a), yearsAt(b)]);
      if ((seen.a as { max: number }).max === 7 && (seen.b as { max: number }).max === 7) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen).toEqual({ a: { min: 2, max: 7 }, b: { min: 2, max: 7 } });
    expect(Date.now() - written).toBeLessThan(1000);
  });

  it('should keep serving from B when A is killed mid-load', async () => {
    const slugs = [
      'junior-backend-developer',
      'mid-level-backend-developer',
      'senior-backend-developer',
      'solution-architect',
      'cto',
    ];
    const results: { replica: string; ok: boolean }[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < 300) {
        const i = sent++;
        const replica = i % 2 === 0 ? a : b;
        if (i === 100) a.process.kill('SIGKILL');
        try {
          const res = await graphql(
            replica,
            `
              query ($s: String!, $n: Int!) {
                roleLevel(slug: $s) {
                  slug
                }
                search(query: $s, first: $n) {
                  score
                }
              }
            `,
            {
              s: slugs[i % slugs.length],
              n: 1 + (i % 20), // mostly distinct requests, so B works rather than replaying its cache
            },
          );
          results.push({ replica: replica.name, ok: res.status === 200 && !res.errors });
        } catch {
          results.push({ replica: replica.name, ok: false });
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(await a.exited).toBeNull(); // killed, not exited
    const fromB = results.filter((r) => r.replica === 'replica B');
    expect(fromB.length).toBe(150);
    expect(fromB.filter((r) => !r.ok)).toEqual([]);
    expect(results.filter((r) => r.replica === 'replica A' && !r.ok).length).toBeGreaterThan(0);
    expect((await fetch(`${b.url}/readyz`)).status).toBe(200);
  });
});
