#!/usr/bin/env node
/**
 * `node bench/perf-one.mjs <database> <seeds> <scenario> [seconds] [off|on] [root]`: where one
 * server spends its time on the CPU under one scenario, JavaScript frames named. The server runs
 * under `node --perf-prof`; after a warm-up, Linux `perf record -e cpu-clock` samples it while
 * the load runs, `perf inject --jit` names the JIT's frames, and the top symbols by self time are
 * printed (`perf report --no-children`).
 *
 * Why beside profile-one.mjs: `--cpu-prof` samples wall time, so a `writev` that waits charges
 * 17 to 40% of a profile to itself; perf samples only time on the CPU, the kernel's and V8's
 * own (JSON, garbage collection) included. Needs `perf` (Debian's linux-perf) and permission to
 * sample the process (root, or kernel.perf_event_paranoid ≤ 1). The perf data goes to a
 * temporary directory; the JIT dump and the one `jitted-<pid>-<n>.so` per compiled function that
 * `perf inject` writes beside it land in the server's root, and all are removed at the end.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rotation, slice, tally } from './lib/load.mjs';
import { CACHE_ENV, graphql, SERVER_ENV, startServer } from './lib/server.mjs';
import { DISCOVERY, realGraph, scenarioNamed } from './scenarios.mjs';

const [database, seeds, name = 'floor', secondsArg = '10', cache = 'off', rootArg = '.'] =
  process.argv.slice(2);
const scenario = scenarioNamed(name);
const root = resolve(rootArg);
const seconds = Number(secondsArg);
const scratch = mkdtempSync(join(tmpdir(), 'perf-one-'));
const data = join(scratch, 'perf.data');
const server = await startServer({
  root,
  databaseUrl: database,
  seedsDir: seeds,
  env: { ...SERVER_ENV, ...CACHE_ENV[cache] },
  // --perf-prof writes jit-<pid>.dump into the working directory: the server's is its root
  nodeArgs: ['--perf-prof', '--perf-prof-unwinding-info'],
});
let requests = 0;
try {
  const discovered = await graphql(server.url, DISCOVERY);
  const ctx = {
    ...realGraph(root),
    cursors: discovered.body.data.roles.edges.map((e) => e.cursor),
  };
  const rot = rotation(scenario.query, scenario.variables(ctx));
  await slice({ url: server.url, rot, t: tally(), seconds: 20, connections: 10 });
  const perf = spawn(
    'perf',
    ['record', '-k', '1', '-e', 'cpu-clock', '-F', '1999', '-p', String(server.pid), '-o', data],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const done = new Promise((r) => perf.on('exit', r));
  const res = await slice({ url: server.url, rot, t: tally(), seconds, connections: 10 });
  requests = res.requests.total;
  perf.kill('SIGINT');
  await done;
} finally {
  await server.stop();
}
const injected = join(scratch, 'perf.jit.data');
try {
  execFileSync('perf', ['inject', '--jit', '-i', data, '-o', injected], {
    cwd: scratch,
    stdio: 'ignore',
  });
  const report = execFileSync(
    'perf',
    ['report', '-i', injected, '--no-children', '--sort', 'sym', '-g', 'none', '--stdio'],
    {
      cwd: scratch,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  console.log(`# ${name}, cache ${cache}: ${requests} requests in ${seconds} s under perf`);
  console.log(
    report
      .split('\n')
      .filter((line) => line.includes('%'))
      .slice(0, Number(process.env.PERF_TOP ?? 50))
      .join('\n'),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
  // the dump, and the jitted-<pid>-<n>.so that perf inject writes beside it (one per function)
  for (const file of readdirSync(root))
    if (file === `jit-${server.pid}.dump` || file.startsWith(`jitted-${server.pid}-`))
      rmSync(join(root, file), { force: true });
}
