import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { DEFAULT_SECURITY, SecuritySettings, TransportSettings } from '../../src/core/limits';
import { sha256 } from '../../src/core/limits/transport/trusted-documents';
import { dropTable } from '../support/database';
import { json, startHttp } from '../support/server';

type Server = Awaited<ReturnType<typeof startHttp>>;

const withTransport = (transport: Partial<TransportSettings>): SecuritySettings => ({
  ...DEFAULT_SECURITY,
  rateLimit: { points: 0, windowSeconds: 60 },
  transport: { ...DEFAULT_SECURITY.transport, ...transport },
});

const postJson = (server: Server, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const get = (
  server: Server,
  params: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  fetch(`${server.url}/graphql?${new URLSearchParams(params)}`, {
    headers: { accept: 'application/json', ...headers },
  });

describe('Transport rules at their defaults', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startHttp();
  });
  afterAll(() => server.stop());

  it('should serve a GET query with no special header (no ambient credentials to forge with)', async () => {
    const res = await get(server, { query: '{ sources { title } }' });
    expect(res.status).toBe(200);
    expect((await json(res)).data.sources.length).toBeGreaterThan(0);
  });

  it('should still accept the Apollo preflight header that older clients send', async () => {
    const res = await get(
      server,
      { query: '{ __typename }' },
      { 'apollo-require-preflight': 'true' },
    );
    expect(res.status).toBe(200);
  });

  it('should refuse a mutation over GET with 405', async () => {
    const query = 'mutation { skillDelete(input: { slug: "docker", version: 1 }) { key } }';
    const res = await get(server, { query });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect((await json(res)).errors[0].message).toBe(
      'GET requests only support query operations, not mutation operations',
    );
  });

  it.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
  ])(
    'should refuse a POST of %s with 415 (the simple types browsers send cross-site among them)',
    async (type) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': type },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.status).toBe(415);
      expect((await json(res)).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('should answer HEAD as GET without the body: the same status and headers, Content-Length included', async () => {
    const search = new URLSearchParams({ query: '{ sources { title } }' });
    const headers = { accept: 'application/json' };
    const get = await fetch(`${server.url}/graphql?${search}`, { headers });
    const getBody = await get.arrayBuffer();
    const head = await fetch(`${server.url}/graphql?${search}`, { method: 'HEAD', headers });
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const names = [
      'content-type',
      'content-length',
      'content-encoding',
      'cache-control',
      'etag',
      'vary',
    ];
    const of = (res: Response) => names.map((name) => [name, res.headers.get(name)]);
    expect(of(head)).toEqual(of(get));
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    if (!get.headers.get('content-encoding'))
      expect(Number(head.headers.get('content-length'))).toBe(getBody.byteLength);
    // a revalidation: 304 as for GET
    const etag = get.headers.get('etag') as string;
    const revalidated = await fetch(`${server.url}/graphql?${search}`, {
      method: 'HEAD',
      headers: { ...headers, 'if-none-match': etag },
    });
    expect(revalidated.status).toBe(304);
  });

  it('should refuse a mutation over HEAD as over GET, and name HEAD among the methods a PUT may use instead', async () => {
    const query = 'mutation { skillDelete(input: { slug: "docker", version: 1 }) { key } }';
    const head = await fetch(`${server.url}/graphql?${new URLSearchParams({ query })}`, {
      method: 'HEAD',
      headers: { accept: 'application/json' },
    });
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('POST');
    const put = await fetch(`${server.url}/graphql`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST, OPTIONS');
  });

  const NOT_JSON = expect.stringMatching(/^The request body is not valid JSON \(.+\)$/);
  const notAnObject = (kind: string) =>
    `The request body is JSON but ${kind}, not an object: send {"query": "..."} (a batch: an array of them)`;
  const refusals: {
    name: string;
    headers?: Record<string, string>;
    body: string;
    status: number;
    code: string;
    message: unknown;
  }[] = [
    {
      name: 'a charset other than UTF',
      headers: { 'content-type': 'application/json; charset=latin1' },
      body: JSON.stringify({ query: '{ __typename }' }),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message:
        'The charset "latin1" is not supported: send JSON in UTF-8 (charset=utf-8, or no charset)',
    },
    {
      name: 'a content encoding applied twice',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip, gzip' },
      body: JSON.stringify({ query: '{ __typename }' }),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message:
        'The content encoding "gzip, gzip" is not supported: send the body as it is, or compressed once with gzip, deflate or br',
    },
    {
      name: 'a gzip body that does not inflate',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: JSON.stringify({ query: '{ __typename }' }),
      status: 400,
      code: 'BAD_REQUEST',
      message: 'The request body could not be decompressed: it is not in its content-encoding',
    },
    {
      name: 'the JSON null',
      body: 'null',
      status: 400,
      code: 'BAD_REQUEST',
      message: notAnObject('null'),
    },
    {
      name: 'the JSON 42',
      body: '42',
      status: 400,
      code: 'BAD_REQUEST',
      message: notAnObject('a number'),
    },
    {
      name: 'a JSON string',
      body: '"str"',
      status: 400,
      code: 'BAD_REQUEST',
      message: notAnObject('a string'),
    },
    {
      name: 'text that is not JSON',
      body: 'hello',
      status: 400,
      code: 'BAD_REQUEST',
      message: NOT_JSON,
    },
    {
      name: 'JSON cut short',
      body: '{"query":',
      status: 400,
      code: 'BAD_REQUEST',
      message: NOT_JSON,
    },
  ];

  it.each(refusals)(
    'should say what is wrong with a POST of $name ($status, $code)',
    async ({ headers, body, status, code, message }) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: headers ?? { 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(status);
      const { errors } = await json(res);
      expect(errors[0].extensions.code).toBe(code);
      expect(errors[0].message).toEqual(message);
    },
  );

  it('should send no CORS headers: cross-origin browsers are refused unless CORS_ORIGINS allows them', async () => {
    const res = await postJson(
      server,
      { query: '{ __typename }' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should refuse batched requests with BATCHING_DISABLED', async () => {
    const res = await postJson(server, [{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].extensions.code).toBe('BATCHING_DISABLED');
  });

  it('should serve automatic persisted queries: unknown hash, then registered, then by hash alone', async () => {
    const query = '{ role(slug: "backend-developer") { name } }';
    const persisted = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } };
    const miss = await json(await postJson(server, persisted));
    expect(miss.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await json(await postJson(server, { query, ...persisted }));
    expect(register.data.role.name).toMatch(/back-end developer/i);
    const hit = await json(await postJson(server, persisted));
    expect(hit.data).toEqual(register.data);
  });

  it('should refuse a persisted query whose hash does not match its text', async () => {
    const res = await postJson(server, {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ sources { title } }') } },
    });
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].message).toBe('provided sha does not match query');
  });
});

describe('Transport rules as configured', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startHttp(undefined, {
      config: {
        security: withTransport({
          corsOrigins: ['https://careers.example'],
          batchMaxOperations: 3,
        }),
      },
    });
  });
  afterAll(() => server.stop());

  it('should allow a listed origin, exposing the budget headers', async () => {
    const res = await postJson(
      server,
      { query: '{ __typename }' },
      { origin: 'https://careers.example' },
    );
    expect(res.headers.get('access-control-allow-origin')).toBe('https://careers.example');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ratelimit-remaining/);
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('should answer a preflight from a listed origin, allowing the Authorization header', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://careers.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('should give an unlisted origin no CORS headers', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should run a batch within BATCH_MAX_OPERATIONS, each operation costed', async () => {
    const res = await postJson(server, [
      { query: '{ sources { title } }' },
      { query: '{ role(slug: "backend-developer") { name } }' },
    ]);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toHaveLength(2);
    expect(body[0].extensions.cost.requested).toBe(100); // sources: at most 100 (first's default)
    expect(body[1].data.role.name).toMatch(/back-end developer/i);
  });

  it('should refuse a batch over BATCH_MAX_OPERATIONS with BATCH_TOO_LARGE', async () => {
    const res = await postJson(
      server,
      Array.from({ length: 4 }, () => ({ query: '{ __typename }' })),
    );
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].extensions).toEqual({ code: 'BATCH_TOO_LARGE', limit: 3 });
  });
});

describe('Trusted documents', () => {
  let server: Server;
  let dir: string;
  const trusted = 'query Sources { sources { title } }';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-trusted-'));
    const manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ [sha256(trusted)]: trusted }));
    server = await startHttp(undefined, {
      config: { security: withTransport({ trustedDocuments: manifest }) },
    });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const byHash = (hash: string) => ({
    extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
  });

  it('should run a registered operation by its hash', async () => {
    const res = await postJson(server, byHash(sha256(trusted)));
    expect(res.status).toBe(200);
    expect((await json(res)).data.sources.length).toBeGreaterThan(0);
  });

  it('should run a registered operation sent as its exact text', async () => {
    expect(
      (await json(await postJson(server, { query: trusted }))).data.sources.length,
    ).toBeGreaterThan(0);
  });

  it('should run a registered operation by hash over GET', async () => {
    const res = await get(server, {
      extensions: JSON.stringify(byHash(sha256(trusted)).extensions),
    });
    expect(res.status).toBe(200);
  });

  it('should refuse any other operation with 403 FORBIDDEN_OPERATION', async () => {
    const res = await postJson(server, { query: '{ sources { title url } }' });
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN_OPERATION');
    expect(body.data).toBeUndefined();
  });

  it('should refuse an unknown hash with PERSISTED_QUERY_NOT_FOUND, and registering it changes nothing', async () => {
    const query = '{ sources { title url } }';
    const register = await postJson(server, { query, ...byHash(sha256(query)) });
    expect(register.status).toBe(400);
    expect((await json(register)).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const again = await json(await postJson(server, byHash(sha256(query))));
    expect(again.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('should refuse a registered hash sent with a different query', async () => {
    const res = await postJson(server, {
      query: '{ sources { title url } }',
      ...byHash(sha256(trusted)),
    });
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].message).toBe('provided sha does not match query');
  });
});

describe('Errors in production', () => {
  let server: Server;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    server = await startHttp(undefined, { logger: pino({ level: 'info' }, sink) });
  });
  afterAll(() => server.stop());

  it('should mask an unexpected failure as INTERNAL_SERVER_ERROR with the request id, also in the log', async () => {
    await dropTable(server.db, 'sources'); // this server's own throwaway database (CASCADE on PostgreSQL)
    const res = await postJson(
      server,
      { query: '{ sources { title } }' },
      { 'x-request-id': 'req-internal-1' },
    );
    const body = await json(res);
    expect(body.errors).toEqual([
      {
        message: 'Internal server error',
        locations: [{ line: 1, column: 3 }],
        path: ['sources'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-internal-1' },
      },
    ]);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unexpected error');
    expect(logged).toMatchObject({
      requestId: 'req-internal-1',
      err: { message: expect.stringMatching(/sources/) },
    });
  });

  it('should name the variable and the rule of a bad input without echoing the value back', async () => {
    const res = await postJson(server, {
      query: 'query Bands($f: SalaryBandFilter) { salaryBands(filter: $f) { label } }',
      variables: { f: { role: 'SECRET-VALUE-123', year: 'nineteen' } },
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toBe(
      'Variable "$f" got an invalid value at "f.year"; Int cannot represent non-integer value: "nineteen"',
    );
    expect(JSON.stringify(body)).not.toMatch(/SECRET-VALUE-123/);
    expect(JSON.stringify(body)).not.toMatch(/stacktrace/);
  });

  it('should echo at most 80 characters of a long bad value, in a variable or a literal', async () => {
    const long = 'X'.repeat(200_000);
    const sent = [
      { query: 'query($a: Int) { roles(first: $a) { totalCount } }', variables: { a: long } },
      {
        query: 'query($c: SkillCategory) { skills(filter: { category: $c }) { totalCount } }',
        variables: { c: long },
      },
      { query: `{ roles(first: "${long}") { totalCount } }` },
    ];
    for (const request of sent) {
      const body = await json(await postJson(server, request));
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].message).toContain(`${'X'.repeat(80)}… (200000 characters)`);
      expect(body.errors[0].message.length).toBeLessThan(300);
    }
  });
});

describe('Vary on GET answers from a server with listed origins and a response cache', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startHttp(undefined, {
      config: { security: withTransport({ corsOrigins: ['https://careers.example'] }) },
      responseCache: true,
    });
  });
  afterAll(() => server.stop());

  it('should name Origin beside Accept, executed and replayed alike', async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent('{ roles(first: 1) { totalCount } }')}`;
    const answers = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(url, { headers: { origin: 'https://careers.example' } });
      await res.text();
      answers.push({
        status: res.status,
        replayed: res.headers.has('age'),
        vary: (res.headers.get('vary') ?? '')
          .toLowerCase()
          .split(/\s*,\s*/)
          .sort(),
      });
    }
    expect(answers).toEqual([
      { status: 200, replayed: false, vary: expect.arrayContaining(['accept', 'origin']) },
      { status: 200, replayed: true, vary: expect.arrayContaining(['accept', 'origin']) },
    ]);
  });
});
