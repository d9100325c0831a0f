import { randomBytes } from 'node:crypto';
import { withSearchPath } from '../support/database';
import {
  createEditorKey,
  createSkill,
  request,
  judge,
  Outcome,
  readyStatus,
  requireBuild,
  ServerProcess,
  sleep,
  startServer,
  tally,
  waitFor,
  pgQuery,
  storedPgSkills,
} from './writes/harness';
import { TcpProxy } from './writes/tcp-proxy';

/**
 * PostgreSQL behind a proxy the test controls (FAULTS_POSTGRES_URL is never touched): blackholed,
 * then stopped. Every request answers within REQUEST_DEADLINE_MS (plus a little), writes are
 * refused with SERVICE_UNAVAILABLE and not applied, /readyz answers 503, and all of it recovers by
 * itself. A same-slug race answers CONFLICT.
 */
const PG_URL = process.env.FAULTS_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const DEADLINE_MS = 3000;
const STATEMENT_MS = 1500;
const READ = JSON.stringify({
  query: '{ employers(first: 20) { nodes { name sectors { name } } } }',
});

async function read(url: string) {
  const started = Date.now();
  try {
    const res = await request(url, { body: READ, timeoutMs: 30_000 });
    return {
      ms: Date.now() - started,
      status: res.status,
      code: res.body.errors?.[0]?.extensions?.code ?? null,
    };
  } catch (err) {
    return { ms: Date.now() - started, status: 0, code: String(err) };
  }
}

describe('Writes on PostgreSQL that is blackholed, then stopped', () => {
  const schema = `writes_${randomBytes(4).toString('hex')}`;
  const direct = withSearchPath(PG_URL, schema);
  const proxy = new TcpProxy({
    host: new URL(PG_URL).hostname,
    port: Number(new URL(PG_URL).port || 5432),
  });
  let server: ServerProcess | undefined;
  let key: string;

  beforeAll(async () => {
    requireBuild();
    await pgQuery(PG_URL, `CREATE SCHEMA "${schema}"`);
    const proxied = new URL(direct);
    proxied.port = String(await proxy.listen());
    proxied.hostname = '127.0.0.1';
    key = await createEditorKey(direct);
    server = await startServer(proxied.toString(), {
      REQUEST_DEADLINE_MS: String(DEADLINE_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_MS),
    });
  });
  afterAll(async () => {
    await server?.kill();
    await proxy.close();
    await pgQuery(PG_URL, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  const stored = (prefix: string) => storedPgSkills(direct, prefix);

  it('should answer CONFLICT, not a 500, to a same-slug race', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => createSkill(server!.url, key, 'pg-race-1')),
    );
    console.log(`postgres same-slug race: ${JSON.stringify(tally(outcomes))}`);
    expect(outcomes.filter((o) => o.kind === 'acknowledged')).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.kind !== 'acknowledged'))
      expect(o).toMatchObject({ kind: 'refused', code: 'CONFLICT' });
  });

  it('should answer within the deadline, refuse writes with a code and apply none, and recover, when blackholed and when stopped', async () => {
    const outcomes: Outcome[] = [];
    const burst = async (prefix: string) => {
      const [writes, reads] = await Promise.all([
        Promise.all(
          [0, 1, 2, 3].map((n) => createSkill(server!.url, key, `${prefix}-${n}`, 30_000)),
        ),
        Promise.all([0, 1].map(() => read(server!.url))),
      ]);
      outcomes.push(...writes);
      return { writes, reads };
    };
    const ready = async () =>
      waitFor(
        async () => ((await readyStatus(server!)) === 200 ? true : undefined),
        '/readyz 200 again',
        20_000,
      );

    const healthy = await burst('pg-ok');
    expect(tally(healthy.writes).acknowledged).toBe(4);

    const figures: Record<string, unknown> = {};
    for (const fault of ['blackhole', 'down'] as const) {
      proxy[fault]();
      const started = Date.now();
      const broken = await burst(`pg-${fault}`);
      const readyz = await readyStatus(server!);
      const readyzMs = Date.now() - started;
      proxy.open();
      const recoverStarted = Date.now();
      await ready();
      const recoveredMs = Date.now() - recoverStarted;
      const after = await burst(`pg-${fault}-after`);
      figures[fault] = {
        writes: tally(broken.writes),
        slowestWriteMs: Math.max(...broken.writes.map((o) => o.ms)),
        reads: broken.reads,
        readyz,
        readyzMs,
        recoveredMs,
        after: tally(after.writes),
      };
      console.log(`postgres ${fault}: ${JSON.stringify(figures[fault])}`);
      for (const o of broken.writes) {
        expect(o).toMatchObject({ kind: 'refused', code: 'SERVICE_UNAVAILABLE' });
        expect(o.ms).toBeLessThan(DEADLINE_MS + 2000);
      }
      for (const r of broken.reads) {
        expect(r.ms).toBeLessThan(DEADLINE_MS + 2000);
        expect(r.code).toBe('SERVICE_UNAVAILABLE');
      }
      expect(readyz).toBe(503);
      expect(tally(after.writes).acknowledged).toBe(4);
    }
    const verdict = judge(outcomes, await stored('pg'));
    console.log(
      `postgres: ${JSON.stringify({ lost: verdict.lost.length, partial: verdict.partial.length, phantom: verdict.phantom.length })}`,
    );
    expect(verdict.lost).toEqual([]);
    expect(verdict.partial).toEqual([]);
    expect(verdict.phantom).toEqual([]);
    await sleep(0);
  });
});
