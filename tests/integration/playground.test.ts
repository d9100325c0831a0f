import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../../src/app/data-source';
import { createLogger } from '../../src/core/logger';
import { loadExamples } from '../../src/core/playground';
import { createHttpApp } from '../../src/app/server';
import { createSchema } from '../../src/app/schema';
import { startHttp, TestServer } from '../support/server';

const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('Playground', () => {
  let http: Awaited<ReturnType<typeof startHttp>>;

  beforeAll(async () => {
    http = await startHttp();
  });
  afterAll(() => http.stop());

  it('should serve GraphiQL to a browser on GET /graphql, loading nothing from another host', async () => {
    const res = await fetch(`${http.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await res.text();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toEqual([
      'data:,',
      '/playground/assets/graphiql.min.css',
      '/playground/assets/react.production.min.js',
      '/playground/assets/react-dom.production.min.js',
      '/playground/assets/graphiql.min.js',
      '/playground/assets/playground.js',
    ]);
    for (const url of urls.slice(1)) {
      const asset = await fetch(`${http.url}${url}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(
        url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
      );
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('should offer every example of docs/examples, safely embedded', async () => {
    const html = await (
      await fetch(`${http.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } })
    ).text();
    const data = /<script type="application\/json" id="cg-examples">([^<]*)<\/script>/.exec(html);
    expect(data).not.toBeNull();
    const examples = JSON.parse(data![1]);
    expect(examples.map((e: { name: string }) => e.name)).toEqual([
      '1-career-path',
      '2-skill-gap',
      '3-salary-by-level',
      '4-employers-by-sector',
      '5-search',
      '6-occupation-codes',
      '7-change-feed',
    ]);
    expect(examples).toEqual(loadExamples());
  });

  it('should leave GET requests for JSON to the GraphQL endpoint', async () => {
    const res = await fetch(`${http.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as any).data).toEqual({ __typename: 'Query' });
  });

  it('should answer 404 for an asset it does not have', async () => {
    expect((await fetch(`${http.url}/playground/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${http.url}/playground/assets/evil.js`)).status).toBe(404);
  });

  it('should serve no page when PLAYGROUND=false', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careergraph-noplay-'));
    const db = createDataSource({ type: 'sqlite', path: join(dir, 'db.sqlite') });
    await db.initialize();
    await db.runMigrations();
    const { httpServer, apollo } = await createHttpApp({
      config: { nodeEnv: 'production', introspection: true, playground: false },
      db,
      schema: await createSchema(),
      logger: createLogger('silent'),
      readiness: { seeded: true, shuttingDown: false },
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
      const res = await fetch(`${url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
      expect(res.headers.get('content-type')).not.toMatch(/text\/html/);
      expect((await fetch(`${url}/playground/assets/graphiql.min.js`)).status).toBe(404);
    } finally {
      await apollo.stop();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docs/examples', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it.each(loadExamples().map((e) => [e.name, e] as const))(
    'should run %s without errors and find something',
    async (_name, example) => {
      expect(example.title).not.toBe(example.name);
      const result = await server.run(example.query);
      expect(result.errors).toBeUndefined();
      const [root] = Object.values(result.data as Record<string, unknown>);
      expect(root).toBeTruthy();
      expect(JSON.stringify(root).length).toBeGreaterThan(100);
    },
  );
});
