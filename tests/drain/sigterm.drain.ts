import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * SIGTERM under load, against the built server (`npm run test:drain` builds it first): every
 * request the server received before or during the drain is answered in full, and the process
 * exits 0. "Received" is what the server logs (LOG_LEVEL=debug logs each request as it arrives),
 * so a request is judged by what the server saw, not by when the client happened to send it.
 */
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const WORKERS = 24;
/**
 * Route searches with their pay, and a page of employers: most of the graph is answered from
 * memory without leaving the event loop, but the employers list is a SQL query, so requests wait
 * on the database and many are in flight at any moment. Each request's alias differs, so the
 * response cache cannot answer it without the work.
 */
const query = (id: string) =>
  JSON.stringify({
    query: /* GraphQL */ `{ ${id.replace(/-/g, '_')}: careerPaths(from: "junior-backend-developer", to: "solution-architect", first: 5) {
      rank stops { level { name salaryBands { min max } } } skillsToGain { name } }
      employers(first: 20) { nodes { name sectors { name } } } }`,
  });

interface LogLine {
  msg: string;
  requestId?: string;
  port?: number;
  line: number;
}

describe('Draining on SIGTERM under load', () => {
  let dir: string;
  let server: ChildProcess;
  const logs: LogLine[] = [];
  let exitCode: Promise<number | null>;

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error('dist/main.js is missing: run `npm run build` (npm run test:drain does)');
    dir = mkdtempSync(join(tmpdir(), 'careergraph-drain-'));
    server = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${join(dir, 'drain.sqlite')}`,
        LOG_LEVEL: 'debug',
        NODE_ENV: 'production',
        RATE_LIMIT_POINTS: '0',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    exitCode = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
    let buffered = '';
    server.stdout?.on('data', (chunk) => {
      buffered += String(chunk);
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const text of lines) {
        try {
          logs.push({ ...JSON.parse(text), line: logs.length });
        } catch {
          // not a log line
        }
      }
    });
  });
  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  const waitFor = async <T>(find: () => T | undefined, what: string, ms = 60_000): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('should answer every request it received, refuse new ones, and exit 0', async () => {
    const port = await waitFor(
      () => logs.find((l) => l.msg.includes('listening'))?.port,
      'the server to listen',
    );
    const url = `http://127.0.0.1:${port}/graphql`;

    const outcomes = new Map<string, { status?: number; ok: boolean; error?: string }>();
    let stopped = false;
    const worker = async (w: number) => {
      for (let n = 0; !stopped; n += 1) {
        const id = `drain-${w}-${n}`;
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-request-id': id },
            body: query(id),
          });
          const body = (await res.json()) as any;
          outcomes.set(id, {
            status: res.status,
            ok: res.status === 200 && !body.errors && body.data[id.replace(/-/g, '_')].length > 0,
          });
        } catch (err) {
          outcomes.set(id, {
            ok: false,
            error: String((err as Error & { cause?: Error }).cause ?? err),
          });
          await new Promise((r) => setTimeout(r, 5)); // refused: the server is going; try again shortly
        }
      }
    };
    const load = Array.from({ length: WORKERS }, (_, w) => worker(w));

    // Signal once the load is flowing and requests are in flight.
    await waitFor(() => (outcomes.size >= 100 ? true : undefined), '100 answered requests');
    // One request certainly in flight whatever the timing: its headers received, its body held
    // back until the drain has begun (the load alone may, on a busy machine, leave none).
    const heldId = 'drain-held';
    const heldBody = Buffer.from(query(heldId));
    const held = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': heldBody.length,
        'x-request-id': heldId,
      },
    });
    const heldAnswer = new Promise<{ status?: number; body: string }>((resolve, reject) => {
      held.on('response', (res) => {
        let body = '';
        res.on('data', (chunk) => (body += String(chunk)));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      });
      held.on('error', reject);
    });
    held.write(heldBody.subarray(0, 10));
    await waitFor(
      () => (logs.some((l) => l.requestId === heldId) ? true : undefined),
      'the held request to arrive',
    );
    const signalledAt = logs.length;
    server.kill('SIGTERM');
    await waitFor(
      () => (logs.some((l) => l.msg === 'draining') ? true : undefined),
      'the drain to begin',
    );
    held.end(heldBody.subarray(10));
    const heldResult = await heldAnswer;
    const heldData = JSON.parse(heldResult.body) as any;
    outcomes.set(heldId, {
      status: heldResult.status,
      ok: heldResult.status === 200 && !heldData.errors && heldData.data.drain_held.length > 0,
    });
    const code = await exitCode;
    stopped = true;
    await Promise.all(load);

    expect(code).toBe(0);
    const draining = logs.findIndex((l) => l.msg === 'draining');
    expect(draining).toBeGreaterThanOrEqual(signalledAt);
    expect(logs.some((l) => l.msg === 'stopped')).toBe(true);

    const received = logs
      .filter((l) => l.msg === 'request received')
      .map((l) => l.requestId as string);
    const lost = received.filter((id) => !outcomes.get(id)?.ok);
    expect(lost.map((id) => ({ id, ...outcomes.get(id) }))).toEqual([]);

    // The drain had work to do: requests received before the signal, answered after it.
    const answeredAt = new Map(
      logs.filter((l) => l.msg === 'graphql request').map((l) => [l.requestId, l.line]),
    );
    const inFlight = logs.filter(
      (l) =>
        l.msg === 'request received' &&
        l.line < draining &&
        (answeredAt.get(l.requestId) ?? -1) > draining,
    );
    expect(inFlight.length).toBeGreaterThan(0);

    // What was sent after the listener closed was refused at the door, never half-answered.
    const failed = [...outcomes.entries()].filter(([, o]) => !o.ok);
    for (const [id, o] of failed) {
      expect(received).not.toContain(id);
      expect(o.error).toMatch(/ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET|other side closed/);
    }
    console.log(
      `drain: ${received.length} requests received, ${inFlight.length} in flight at SIGTERM, all answered; ${failed.length} refused after the listener closed`,
    );
  });
});
