import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { createApiKey } from '../../src/core/auth/keys';
import { DatabaseSettings } from '../../src/core/config';
import { createDataSource } from '../../src/app/data-source';
import { SpawnedServer } from '../support/spawned-server';

/**
 * Two databases behind one Redis with the same REDIS_PREFIX (staging beside production, or a
 * database re-created where the old one was): each counts its graph versions from the same
 * numbers, so a cache keyed by the version alone hands one database's answers to the other.
 * Every answer here is checked against what its own database holds.
 */
const POSTGRES_URL = process.env.FAULTS_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.FAULTS_REDIS_URL || 'redis://127.0.0.1:6379';
const run = randomBytes(4).toString('hex');
const PREFIX = `cg-cache-shared-${run}:`;

const NAME_OF = /* GraphQL */ `
  query NameOf($slug: String!) {
    skill(slug: $slug) {
      name
    }
  }
`;
const RENAME = /* GraphQL */ `
  mutation Rename($input: SkillUpdateInput!) {
    skillUpdate(input: $input) {
      skill {
        name
        version
      }
    }
  }
`;

function postgresUrlFor(schema: string): string {
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new DataSource({ type: 'postgres', url: POSTGRES_URL, poolSize: 1 });
  await client.initialize();
  try {
    await client.query(sql);
  } finally {
    await client.destroy();
  }
}

/** An editor key made straight in the server's database (the server has migrated it). */
async function editorKey(settings: DatabaseSettings): Promise<string> {
  const db = createDataSource(settings);
  await db.initialize();
  try {
    return (await createApiKey(db, 'fault test editor', ApiRole.EDITOR)).key;
  } finally {
    await db.destroy();
  }
}

/** One database's server with what a test needs of it. */
interface Replica {
  name: string;
  server: SpawnedServer;
  key: string;
  /** The skill versions last written, for the next update. */
  versions: Map<string, number>;
  /** What each skill's name is in this database. */
  names: Map<string, string>;
}

async function rename(r: Replica, slug: string, name: string): Promise<void> {
  const version = r.versions.get(slug) ?? 1;
  const reply = await r.server.post(
    RENAME,
    { input: { slug, version, changes: { name } } },
    { authorization: `Bearer ${r.key}` },
  );
  const skill = reply.body?.data?.skillUpdate?.skill;
  if (!skill) throw new Error(`${r.name}: the rename failed: ${JSON.stringify(reply.body)}`);
  r.versions.set(slug, skill.version);
  r.names.set(slug, name);
}

/** Asks `r` for a skill's name; a wrong answer is one its database does not hold. */
async function nameOf(
  r: Replica,
  slug: string,
): Promise<{ right: boolean; got: string; cached: boolean }> {
  const reply = await r.server.post(NAME_OF, { slug });
  const got = reply.body?.data?.skill?.name;
  return { right: got === r.names.get(slug), got, cached: reply.headers.get('age') !== null };
}

/** What the database holds now of `slugs`, read from it directly. */
async function readSkills(r: Replica, settings: DatabaseSettings, slugs: string[]): Promise<void> {
  const db = createDataSource(settings);
  await db.initialize();
  try {
    for (const slug of slugs) {
      const [row] = await db.query(
        `SELECT name, version FROM skills WHERE slug = ${settings.type === 'postgres' ? '$1' : '?'}`,
        [slug],
      );
      r.names.set(slug, row.name);
      r.versions.set(slug, Number(row.version));
    }
  } finally {
    await db.destroy();
  }
}

/** Shared Redis, and a budget that refills slowly enough (about 1 point a second) to read spending in. */
const LIMITS = {
  REDIS_URL,
  REDIS_PREFIX: PREFIX,
  RATE_LIMIT_POINTS: '100000',
  RATE_LIMIT_WINDOW_SECONDS: '86400',
};

const SLUG_A = 'python';
const SLUG_B = 'java';

describe('Two databases sharing one Redis', () => {
  const schemas = [`cache_a_${run}`, `cache_b_${run}`];
  const replicas: Replica[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-shared-redis-'));
    for (const schema of schemas) await admin(`CREATE SCHEMA "${schema}"`);
    const started = await Promise.all(
      schemas.map((schema) =>
        SpawnedServer.start({ DATABASE_URL: postgresUrlFor(schema), ...LIMITS }),
      ),
    );
    for (const [i, server] of started.entries()) {
      const settings: DatabaseSettings = { type: 'postgres', url: postgresUrlFor(schemas[i]) };
      const replica: Replica = {
        name: i === 0 ? 'A' : 'B',
        server,
        key: await editorKey(settings),
        versions: new Map(),
        names: new Map(),
      };
      await readSkills(replica, settings, [SLUG_A, SLUG_B]);
      replicas.push(replica);
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.server.stop()));
    for (const schema of schemas) await admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  it("should never answer one database from the other database's cache entries", async () => {
    const [a, b] = replicas;
    const wrong: string[] = [];
    let cachedAnswers = 0;
    const ROUNDS = 4;
    for (let round = 1; round <= ROUNDS; round += 1) {
      // each database changes a different skill, so their graph versions stay level
      await rename(a, SLUG_A, `Python (renamed in A, round ${round})`);
      await rename(b, SLUG_B, `Java (renamed in B, round ${round})`);
      // each asks first about the skill it changed, then about the other's
      for (const [first, second, slug] of [
        [a, b, SLUG_A],
        [b, a, SLUG_B],
      ] as const) {
        for (const r of [first, second]) {
          for (let ask = 0; ask < 2; ask += 1) {
            const answer = await nameOf(r, slug);
            if (answer.cached) cachedAnswers += 1;
            if (!answer.right)
              wrong.push(
                `round ${round}: ${r.name} answered "${answer.got}" for ${slug}, its database holds "${r.names.get(slug)}"`,
              );
          }
        }
      }
    }
    console.log(
      `shared Redis, two databases: ${wrong.length} wrong answers of ${ROUNDS * 8}, ${cachedAnswers} answered from the cache`,
    );
    expect(wrong).toEqual([]);
    expect(cachedAnswers).toBeGreaterThan(0); // the cache was in use: each database's own repeats
  });

  it("should keep each database's rate-limit buckets apart", async () => {
    // an anonymous client (the same address) spends from A; B's budget is its own
    const [a, b] = replicas;
    const expensive = /* GraphQL */ `
      {
        skills(first: 100) {
          nodes {
            name
          }
        }
      }
    `;
    const left = async (r: Replica) => {
      const reply = await r.server.post(expensive);
      return {
        remaining: reply.body.extensions.cost.rateLimit.remaining as number,
        cost: reply.body.extensions.cost.requested as number,
      };
    };
    const before = await left(a);
    await left(b);
    const after = await left(a);
    console.log(
      `shared Redis, rate limits: A's bucket went from ${before.remaining} to ${after.remaining} while A spent ${after.cost} and B ${after.cost}`,
    );
    // A's bucket lost A's own request only (refill can only add)
    expect(before.remaining - after.remaining).toBeLessThanOrEqual(after.cost);
  });

  it('should tag the same data of two databases with different ETags', async () => {
    const query = encodeURIComponent('{ skill(slug: "go") { name } }');
    const tags = await Promise.all(
      replicas.map(async (r) => {
        const res = await fetch(`${r.server.url}?query=${query}`, {
          headers: { 'apollo-require-preflight': 'true' },
        });
        expect(((await res.json()) as any).data.skill.name).toBe('Go');
        return res.headers.get('etag');
      }),
    );
    expect(tags[0]).toMatch(/^W\//);
    expect(tags[0]).not.toBe(tags[1]);
    // B's tag does not validate A's copy: A answers in full
    const res = await fetch(`${replicas[0].server.url}?query=${query}`, {
      headers: { 'apollo-require-preflight': 'true', 'if-none-match': tags[1] as string },
    });
    expect(res.status).toBe(200);
  });

  it("should not answer a database re-created at the same path from the old one's entries", async () => {
    const path = join(dir, 'recreated.sqlite');
    const settings: DatabaseSettings = { type: 'sqlite', path };
    const env = { DATABASE_URL: `sqlite:${path}`, ...LIMITS };
    const wrong: string[] = [];
    let cachedAnswers = 0;
    const ROUNDS = 2;
    const old: Replica = {
      name: 'old',
      server: await SpawnedServer.start(env),
      key: '',
      versions: new Map(),
      names: new Map(),
    };
    try {
      old.key = await editorKey(settings);
      await readSkills(old, settings, [SLUG_A, SLUG_B]);
      for (let round = 1; round <= ROUNDS; round += 1) {
        await rename(old, SLUG_A, `Python (old database, round ${round})`);
        for (let ask = 0; ask < 2; ask += 1)
          if ((await nameOf(old, SLUG_A)).cached) cachedAnswers += 1;
      }
    } finally {
      await old.server.stop();
    }
    for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`])
      rmSync(file, { force: true });

    const renewed: Replica = {
      name: 'new',
      server: await SpawnedServer.start(env),
      key: '',
      versions: new Map(),
      names: new Map(),
    };
    try {
      renewed.key = await editorKey(settings);
      await readSkills(renewed, settings, [SLUG_A, SLUG_B]);
      for (let round = 1; round <= ROUNDS; round += 1) {
        // the new database's writes touch another skill: its version climbs to the old one's numbers
        await rename(renewed, SLUG_B, `Java (new database, round ${round})`);
        for (let ask = 0; ask < 2; ask += 1) {
          const answer = await nameOf(renewed, SLUG_A);
          if (answer.cached) cachedAnswers += 1;
          if (!answer.right)
            wrong.push(
              `round ${round}: the new database answered "${answer.got}", it holds "${renewed.names.get(SLUG_A)}"`,
            );
        }
      }
    } finally {
      await renewed.server.stop();
    }
    console.log(
      `database re-created at the same path: ${wrong.length} wrong answers of ${ROUNDS * 2}, ${cachedAnswers} answered from the cache`,
    );
    expect(wrong).toEqual([]);
    expect(cachedAnswers).toBeGreaterThan(0);
  });
});
