import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEEDS_DIR } from '../support/server';

const ROOT = join(__dirname, '..', '..');
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';

/** Resolves with the first stdout JSON line matching `test`, or rejects when the process ends. */
function lineMatching(child: ChildProcess, test: (line: any) => boolean): Promise<any> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const l of lines) {
        try {
          const line = JSON.parse(l);
          if (test(line)) {
            child.stdout?.off('data', onData);
            resolve(line);
            return;
          }
        } catch {
          // not a log line
        }
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

describe('OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  let dir: string;
  let collector: http.Server;
  let server: ChildProcess;
  const received: { path: string; body: any }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-otel-'));
    // a stand-in OTLP/HTTP collector on loopback
    collector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    collector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("should export a span per operation, named after it, in the caller's trace, and flush on shutdown", async () => {
    // the real start-up (src/main.ts) in a child process: the exporter loads http lazily, which jest's VM cannot
    server = spawn(
      process.execPath,
      ['-r', join(ROOT, 'tests', 'helpers', 'ts-register.js'), join(ROOT, 'src', 'main.ts')],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_URL: `sqlite:${join(dir, 'otel.sqlite')}`,
          SEEDS_DIR,
          LOG_LEVEL: 'info',
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
          OTEL_SERVICE_NAME: 'careergraph-test',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const listening = await lineMatching(
      server,
      (l) => typeof l.msg === 'string' && l.msg.includes('listening'),
    );
    const url = `http://127.0.0.1:${listening.port}/graphql`;
    const post = (query: string, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
    await post('query RoleName { role(slug: "backend-developer") { name } }', {
      traceparent: `00-${TRACE_ID}-${PARENT_ID}-01`,
      'x-request-id': 'req-7',
    });
    await post('{ roles(first: 500) { totalCount } }', { 'x-request-id': 'req-8' });
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);

    expect(received.map((r) => r.path)).toContain('/v1/traces');
    const resourceSpans = received.flatMap((r) => r.body.resourceSpans);
    expect(resourceSpans[0].resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'careergraph-test' },
    });
    const spans = resourceSpans.flatMap((r: any) => r.scopeSpans.flatMap((s: any) => s.spans));
    const attrs = (span: any) =>
      Object.fromEntries(span.attributes.map((a: any) => [a.key, Object.values(a.value)[0]]));

    const named = spans.find((s: any) => s.name === 'graphql query RoleName');
    expect(named).toBeDefined();
    expect(named.traceId).toBe(TRACE_ID);
    expect(named.parentSpanId).toBe(PARENT_ID);
    expect(attrs(named)).toEqual(
      expect.objectContaining({
        'graphql.operation.name': 'RoleName',
        'careergraph.request_id': 'req-7',
      }),
    );
    expect(Number(attrs(named)['careergraph.sql_statements'])).toBeGreaterThan(0);

    const failed = spans.find((s: any) => attrs(s)['careergraph.request_id'] === 'req-8');
    expect(failed.status).toEqual(expect.objectContaining({ code: 2, message: 'BAD_USER_INPUT' }));
    expect(failed.traceId).not.toBe(TRACE_ID);
  }, 60000);
});
