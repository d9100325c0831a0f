import { bumpGraphVersion, GraphVersionWatcher } from '../../src/core/cache';
import { requestScopeEnabled } from '../../src/core/request-scope';
import { Skill } from '../../src/modules/skills/skill.entity';
import { json, startHttp } from '../support/server';

describe('HTTP server', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;

  beforeAll(async () => {
    server = await startHttp();
  });
  afterAll(() => server.stop());

  const post = (
    body: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) => fetch(`${server.url}/graphql`, { method: 'POST', headers, body });

  it('should answer /healthz with 200', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('should answer /readyz with 200 once seeded, and 503 while not ready', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    server.readiness.seeded = false;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    server.readiness.seeded = true;
  });

  it('should serve POST /graphql with a request id and the statement count', async () => {
    const res = await post(
      JSON.stringify({ query: '{ role(slug: "backend-developer") { name } }' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = await json(res);
    expect(body.data.role.name).toMatch(/back-end developer/i);
    expect(body.extensions.sqlStatements).toBeGreaterThan(0);
  });

  it('should count each request its own SQL statements when requests run at once', async () => {
    await expectOwnCounts(server.url);
  });

  it('should count them as well when Apollo executes operations itself (graphql-js)', async () => {
    const own = await startHttp(undefined, {
      config: { executor: { kind: 'graphql-js' } },
    });
    try {
      await expectOwnCounts(own.url);
    } finally {
      await own.stop();
    }
  });

  // with a watcher, as `npm start` runs, a warm query answers at once and runs in a lazy scope
  // (src/core/compiled-executor.ts): what it reads again after a write is counted all the same
  it("should count a warm query's statements when a write makes it read the tables again", async () => {
    const watcher = new GraphVersionWatcher(server.db, 60_000);
    await watcher.start();
    try {
      const query = JSON.stringify({ query: '{ skill(slug: "postgresql") { name } }' });
      const statements = async () => {
        const body = await json(await post(query));
        return [body.data.skill.name, body.extensions.sqlStatements];
      };
      for (let i = 0; i < 3; i++) await statements();
      expect(await statements()).toEqual(['PostgreSQL', 0]);
      await server.db.transaction(async (em) => {
        await em.getRepository(Skill).update({ slug: 'postgresql' }, { name: 'Postgres' });
        await bumpGraphVersion(em);
      });
      await watcher.refresh();
      const [name, count] = await statements();
      expect(name).toBe('Postgres');
      expect(count).toBeGreaterThan(0);
      expect(requestScopeEnabled()).toBe(false);
      expect(await statements()).toEqual(['Postgres', 0]);
    } finally {
      watcher.stop();
    }
  });

  /** Feed reads (SQL on every request) and `{ __typename }` (none) at once, each with its own count. */
  async function expectOwnCounts(url: string): Promise<void> {
    const count = async (query: string) =>
      json(
        await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        }),
      );
    const feed = '{ changes(first: 3) { edges { cursor } } }';
    const alone = (await count(feed)).extensions.sqlStatements;
    expect(alone).toBeGreaterThan(0); // the feed is read from the database on every request
    const queries = Array.from({ length: 24 }, (_, i) => (i % 2 ? feed : '{ __typename }'));
    const bodies = await Promise.all(queries.map(count));
    bodies.forEach((body, i) =>
      expect(body.extensions.sqlStatements).toBe(queries[i] === feed ? alone : 0),
    );
    // between requests no scope is in progress, so the storage is off
    expect(requestScopeEnabled()).toBe(false);
  }

  it('should keep the request id a client sends', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }' }), {
      'content-type': 'application/json',
      'x-request-id': 'abc-123',
    });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('should refuse malformed JSON with 400 and a GraphQL-shaped error', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('should refuse a body over 1 MB with 413', async () => {
    const res = await post(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(1_100_000)}` }));
    expect(res.status).toBe(413);
    expect((await json(res)).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('should hide internals of errors in production', async () => {
    const res = await post(JSON.stringify({ query: '{ roles(first: 500) { totalCount } }' }));
    const body = await json(res);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it('should serve introspection (a public, documented API)', async () => {
    const res = await post(JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
    expect((await json(res)).data.__schema.queryType.name).toBe('Query');
  });
});
