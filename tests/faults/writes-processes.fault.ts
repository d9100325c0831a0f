import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  baseEnv,
  createEditorKey,
  judge,
  requireBuild,
  ROOT,
  seconds,
  ServerProcess,
  sleep,
  startServer,
  storedSkills,
  tally,
  writers,
} from './writes/harness';

/**
 * Several processes on one SQLite file: the server while `npm run seed` loads the seeds again,
 * and two servers side by side. Every write is acknowledged or refused with a code, and after
 * kill -9 every acknowledged one is there, whole.
 */
const run = promisify(execFile);
const DURATION = seconds('FAULTS_PROCESS_SECONDS', 6);

describe('Several processes writing one SQLite file', () => {
  let dir: string;
  const servers: ServerProcess[] = [];

  beforeAll(() => {
    requireBuild();
    dir = mkdtempSync(join(tmpdir(), 'careergraph-processes-'));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()));
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (url: string) => {
    const server = await startServer(url);
    servers.push(server);
    return server;
  };

  it('should take the writes of the API and of `npm run seed` together, losing none', async () => {
    const path = join(dir, 'seed.sqlite');
    const url = `sqlite:${path}`;
    const key = await createEditorKey(url);
    const server = await start(url);
    const load = writers(server.url, key, 8, 'sd');
    const seeds: { code: number; out: string }[] = [];
    const until = Date.now() + DURATION;
    while (Date.now() < until) {
      const result = await run(process.execPath, [join(ROOT, 'dist', 'seeding', 'cli.js')], {
        cwd: ROOT,
        env: baseEnv(url),
      }).then(
        ({ stdout }) => ({ code: 0, out: stdout }),
        (err: { code?: number; stderr?: string }) => ({
          code: err.code ?? 1,
          out: err.stderr ?? '',
        }),
      );
      seeds.push(result);
      await sleep(200);
    }
    await server.kill('SIGKILL');
    const outcomes = await load.stop();

    const restarted = await start(url);
    const stored = await storedSkills(path, 'sd');
    const verdict = judge(outcomes, stored);
    console.log(
      `server + seed: ${JSON.stringify({ ...tally(outcomes), seedRuns: seeds.length, seedFailures: seeds.filter((s) => s.code !== 0).length, lost: verdict.lost.length, partial: verdict.partial.length })}`,
    );
    expect(seeds.filter((s) => s.code !== 0)).toEqual([]);
    expect(seeds.length).toBeGreaterThan(0);
    expect(verdict.internal.slice(0, 3)).toEqual([]);
    expect(verdict.lost).toEqual([]);
    expect(verdict.partial).toEqual([]);
    expect(verdict.phantom).toEqual([]);
    expect(tally(outcomes).acknowledged).toBeGreaterThan(10);
    await restarted.kill();
  });

  it('should let two servers on one file both write, losing none', async () => {
    const path = join(dir, 'two.sqlite');
    const url = `sqlite:${path}`;
    const key = await createEditorKey(url);
    const [a, b] = [await start(url), await start(url)];
    const loads = [writers(a.url, key, 4, 'ta'), writers(b.url, key, 4, 'tb')];
    await sleep(DURATION);
    await Promise.all([a.kill('SIGKILL'), b.kill('SIGKILL')]);
    const [fromA, fromB] = await Promise.all(loads.map((l) => l.stop()));

    await start(url);
    const verdicts = [
      judge(fromA, await storedSkills(path, 'ta')),
      judge(fromB, await storedSkills(path, 'tb')),
    ];
    console.log(
      `two servers: ${JSON.stringify({ a: tally(fromA), b: tally(fromB), lost: verdicts[0].lost.length + verdicts[1].lost.length, partial: verdicts[0].partial.length + verdicts[1].partial.length })}`,
    );
    for (const v of verdicts) {
      expect(v.internal.slice(0, 3)).toEqual([]);
      expect(v.lost).toEqual([]);
      expect(v.partial).toEqual([]);
      expect(v.phantom).toEqual([]);
    }
    for (const o of [...fromA, ...fromB])
      if (o.kind === 'refused') expect(o.code).toBe('SERVICE_UNAVAILABLE');
    expect(tally(fromA).acknowledged).toBeGreaterThan(5);
    expect(tally(fromB).acknowledged).toBeGreaterThan(5);
  });
});
