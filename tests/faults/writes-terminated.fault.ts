import { randomBytes } from 'node:crypto';
import { withSearchPath } from '../support/database';
import {
  createEditorKey,
  judge,
  readyStatus,
  requireBuild,
  seconds,
  ServerProcess,
  sleep,
  startServer,
  tally,
  waitFor,
  writers,
  pgQuery,
  storedPgSkills,
} from './writes/harness';

/**
 * PostgreSQL connections killed under writes: two servers, 30 editors, and every connection of
 * the two servers terminated (pg_terminate_backend) once a second. A connection killed between
 * two statements of a write leaves TypeORM's query runner released, and its next statement (the
 * COMMIT too) fails without a SQLSTATE. Every write is acknowledged or refused with
 * SERVICE_UNAVAILABLE, never a 500; every acknowledged write is stored whole; none refused as
 * "nothing was written" is stored. Only the connections of this test's servers are terminated
 * (they carry an application_name of their own), never anything else on the server.
 */
const PG_URL = process.env.FAULTS_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
const DURATION = seconds('FAULTS_TERMINATE_SECONDS', 8);
/** FAULTS_PORT_BASE: listen on this port and the next one instead of ports the system picks. */
const port = (n: number) =>
  process.env.FAULTS_PORT_BASE ? String(Number(process.env.FAULTS_PORT_BASE) + n) : '0';

describe('Writes on PostgreSQL whose connections are terminated', () => {
  const tag = randomBytes(4).toString('hex');
  const schema = `terminated_${tag}`;
  const application = `careergraph-fault-${tag}`;
  const direct = withSearchPath(PG_URL, schema);
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    requireBuild();
    await pgQuery(PG_URL, `CREATE SCHEMA "${schema}"`);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    await pgQuery(PG_URL, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  const stored = (prefix: string) => storedPgSkills(direct, prefix);

  it('should refuse a write whose connection was killed with SERVICE_UNAVAILABLE, never a 500, and lose none', async () => {
    const key = await createEditorKey(direct);
    const url = new URL(direct);
    url.searchParams.set('application_name', application);
    for (const n of [0, 1]) servers.push(await startServer(url.toString(), { PORT: port(n) }));
    const loads = servers.map((s, n) => writers(s.url, key, 15, `kt${n}`));

    let terminated = 0;
    const until = Date.now() + DURATION;
    while (Date.now() < until) {
      await sleep(1000);
      const rows = await pgQuery<{ killed: boolean }>(
        PG_URL,
        'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1',
        [application],
      );
      terminated += rows.filter((r) => r.killed).length;
    }
    // the servers recover by themselves, and take writes again
    for (const s of servers)
      await waitFor(
        async () => ((await readyStatus(s)) === 200 ? true : undefined),
        '/readyz 200 again',
        20_000,
      );
    await sleep(500);
    const outcomes = (await Promise.all(loads.map((l) => l.stop()))).flat();

    const verdict = judge(outcomes, new Map([...(await stored('kt0')), ...(await stored('kt1'))]));
    const unknown = outcomes.filter(
      (o) => o.kind === 'refused' && /may have been applied/.test(o.message),
    );
    console.log(
      `postgres connections terminated: ${JSON.stringify({ ...tally(outcomes), terminated, unknownOutcome: unknown.length, lost: verdict.lost.length, partial: verdict.partial.length, phantom: verdict.phantom.length })}`,
    );
    expect(terminated).toBeGreaterThan(0);
    expect(verdict.internal.slice(0, 3)).toEqual([]);
    expect(outcomes.filter((o) => o.kind === 'unanswered').slice(0, 3)).toEqual([]);
    for (const o of outcomes)
      if (o.kind === 'refused') expect(o).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(verdict.lost).toEqual([]);
    expect(verdict.partial).toEqual([]);
    expect(verdict.phantom).toEqual([]);
    expect(tally(outcomes).acknowledged).toBeGreaterThan(30);
  });
});
