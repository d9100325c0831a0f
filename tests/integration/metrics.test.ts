import { Writable } from 'node:stream';
import { request } from 'node:http';
import { AddressInfo } from 'node:net';
import pino from 'pino';
import { recordCacheHit, recordCacheMiss, recordRateLimitRefusal } from '../../src/core/metrics';
import { createResponseCache } from '../../src/core/cache';
import { createContext } from '../../src/core/context';
import { createLogger } from '../../src/core/logger';
import { registry } from '../../src/core/metrics';
import { createApollo, createHttpApp } from '../../src/app/server';
import { createSchema } from '../../src/app/schema';
import { TestServer } from '../support/server';

/** The value of one sample of the Prometheus text format, or 0 when absent. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('Metrics and logs', () => {
  let server: TestServer;
  let url: string;
  let stop: () => Promise<void>;
  const logLines: any[] = [];

  beforeAll(async () => {
    server = await TestServer.start();
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          logLines.push(JSON.parse(line));
        done();
      },
    });
    const { httpServer, apollo } = await createHttpApp({
      config: { nodeEnv: 'test', introspection: true },
      db: server.db,
      schema: await createSchema(),
      logger: pino({ level: 'info' }, sink),
      readiness: { seeded: true, shuttingDown: false },
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    stop = async () => {
      await apollo.stop();
      await server.stop();
    };
  });
  afterAll(() => stop());

  const metrics = async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const graphql = (query: string, operationName?: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, operationName }),
    }).then((r) => r.json() as Promise<any>);

  it('should count the SQL statements of a request in careergraph_db_queries_total', async () => {
    const before = sample(await metrics(), 'careergraph_db_queries_total');
    const body = await graphql(
      'query Levels { role(slug: "backend-developer") { levels { name salaryBands { min } } } }',
      'Levels',
    );
    expect(body.extensions.sqlStatements).toBeGreaterThan(1);
    const after = sample(await metrics(), 'careergraph_db_queries_total');
    expect(after - before).toBe(body.extensions.sqlStatements);
  });

  it('should count requests, latency and statements by operation name', async () => {
    const before = await metrics();
    await graphql('query RoleName { role(slug: "backend-developer") { name } }', 'RoleName');
    await graphql('query RoleName { role(slug: "devops-engineer") { name } }', 'RoleName');
    await graphql('{ __typename }');
    const after = await metrics();
    const delta = (name: string, labels: string) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('careergraph_graphql_requests_total', 'operation="RoleName"')).toBe(2);
    expect(delta('careergraph_graphql_requests_total', 'operation="anonymous"')).toBe(1);
    expect(
      delta('careergraph_graphql_request_duration_seconds_count', 'operation="RoleName"'),
    ).toBe(2);
    expect(
      sample(after, 'careergraph_graphql_sql_statements_sum', 'operation="RoleName"'),
    ).toBeGreaterThan(0);
  });

  it('should label a request by the operation resolved from its document, never by the operationName it sent', async () => {
    const before = await metrics();
    // refused (OPERATION_RESOLUTION_FAILURE): its name must not take one of the 200 labels
    const refused = await graphql('{ __typename }', 'opJunk1');
    expect(refused.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    await graphql('{ __typename', 'opJunk2'); // does not parse
    await graphql('query Resolved { __typename }');
    const after = await metrics();
    expect(after).not.toMatch(/operation="opJunk/);
    const delta = (operation: string) =>
      sample(after, 'careergraph_graphql_requests_total', `operation="${operation}"`) -
      sample(before, 'careergraph_graphql_requests_total', `operation="${operation}"`);
    expect(delta('unresolved')).toBe(2);
    expect(delta('Resolved')).toBe(1);
  });

  it('should count errors by code, including those outside GraphQL', async () => {
    const before = await metrics();
    await graphql('{ roles(first: 500) { totalCount } }');
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    const after = await metrics();
    const delta = (code: string) =>
      sample(after, 'careergraph_errors_total', `code="${code}"`) -
      sample(before, 'careergraph_errors_total', `code="${code}"`);
    expect(delta('BAD_USER_INPUT')).toBe(1);
    expect(delta('BAD_REQUEST')).toBe(1);
  });

  it('should expose the cache and rate-limit counters other modules increment, and process metrics', async () => {
    const before = await metrics();
    recordCacheHit('schema');
    recordCacheHit('schema');
    recordCacheMiss('schema');
    recordRateLimitRefusal('requests-per-minute');
    const text = await metrics();
    const delta = (name: string, labels: string) =>
      sample(text, name, labels) - sample(before, name, labels);
    expect(delta('careergraph_cache_hits_total', 'cache="schema"')).toBe(2);
    expect(delta('careergraph_cache_misses_total', 'cache="schema"')).toBe(1);
    expect(delta('careergraph_rate_limit_refusals_total', 'limit="requests-per-minute"')).toBe(1);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it("should count the response cache's hits and misses", async () => {
    const cache = await createResponseCache({
      db: server.db,
      redis: null,
      logger: createLogger('silent'),
    });
    const apollo = createApollo({
      config: { nodeEnv: 'test', introspection: true },
      db: server.db,
      schema: await createSchema(),
      logger: createLogger('silent'),
      readiness: { seeded: true, shuttingDown: false },
      responseCache: cache,
    });
    await apollo.start();
    try {
      const before = await registry.metrics();
      const query = '{ role(slug: "cloud-engineer") { name } }';
      for (let i = 0; i < 3; i++)
        await apollo.executeOperation(
          { query },
          { contextValue: createContext(server.db, `c${i}`) },
        );
      const after = await registry.metrics();
      const delta = (name: string) =>
        sample(after, name, 'cache="response"') - sample(before, name, 'cache="response"');
      expect(delta('careergraph_cache_misses_total')).toBe(1);
      expect(delta('careergraph_cache_hits_total')).toBe(2);
    } finally {
      await apollo.stop();
      await cache.close();
    }
  });

  it('should count requests in flight: none once answered, one whose body is still arriving', async () => {
    const cache = await createResponseCache({
      db: server.db,
      redis: null,
      logger: createLogger('silent'),
    });
    const app = await createHttpApp({
      config: { nodeEnv: 'production', introspection: true },
      db: server.db,
      schema: await createSchema(),
      logger: createLogger('silent'),
      readiness: { seeded: true, shuttingDown: false },
      responseCache: cache,
    });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const port = (app.httpServer.address() as AddressInfo).port;
    const inFlight = async () => sample(await metrics(), 'careergraph_graphql_requests_in_flight');
    try {
      const body = JSON.stringify({ query: '{ role(slug: "cloud-engineer") { name } }' });
      const post = () =>
        fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }).then((r) => r.text());
      await post(); // stored
      const replays = await Promise.all(Array.from({ length: 20 }, post));
      expect(new Set(replays).size).toBe(1);
      expect(await inFlight()).toBe(0);

      // a request whose body is still arriving is in flight until it is answered
      const slow = request({
        port,
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      const answered = new Promise<number>((resolve) =>
        slow.on('response', (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0))),
      );
      slow.write(body.slice(0, 10));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await inFlight()).toBe(1);
      slow.end(body.slice(10));
      expect(await answered).toBe(200);
      expect(await inFlight()).toBe(0);
    } finally {
      await app.apollo.stop();
      await new Promise((resolve) => app.httpServer.close(resolve));
      await cache.close();
    }
  });

  it('should log each operation as a JSON line carrying the incoming x-request-id', async () => {
    await graphql('query Traced { __typename }', 'Traced', { 'x-request-id': 'trace-me-42' });
    const line = logLines.find((l) => l.requestId === 'trace-me-42');
    expect(line).toEqual(
      expect.objectContaining({
        msg: 'graphql request',
        operationName: 'Traced',
        sqlStatements: 0,
        errors: 0,
      }),
    );
  });
});
