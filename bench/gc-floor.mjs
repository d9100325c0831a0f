#!/usr/bin/env node
/**
 * `node bench/gc-floor.mjs <root> <database> <seeds> [port]`: what the young generation keeps of a
 * `{ __typename }` request. Starts `<root>/dist/main.js` under `--trace-gc-nvp`, loads it for 5 s
 * (10 connections, after 2 s of warm-up) and reports, per request, the bytes that survived a
 * minor collection and the bytes promoted to the old generation (which a full collection then
 * has to clear), from V8's own trace: unlike CPU time, other work on the machine does not move
 * them; and the collections' pauses, full ones included. BENCH_LAYERS_OFF passes through
 * (src/core/layers.ts); GC_CACHE=on runs the server with its response cache on; GC_SCENARIO=<name>
 * loads one of bench/scenarios.mjs's scenarios (its variables in turn) in place of floor.
 */
import { spawn } from 'node:child_process';
import { openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scenarioRotation, slice, tally } from './lib/load.mjs';
import { CACHE_ENV, freePort, SERVER_ENV } from './lib/server.mjs';
import { SCENARIOS } from './scenarios.mjs';

const [rootArg, database, seeds, portArg] = process.argv.slice(2);
const root = resolve(rootArg);
const port = portArg ?? String(await freePort());
const trace = join(tmpdir(), `gc-floor-${process.pid}.log`);
const child = spawn(process.execPath, ['--trace-gc-nvp', 'dist/main.js'], {
  cwd: root,
  env: {
    ...process.env,
    ...SERVER_ENV,
    ...CACHE_ENV[process.env.GC_CACHE ?? 'off'],
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: port,
    HOST: '127.0.0.1',
    DATABASE_URL: database,
    SEEDS_DIR: seeds,
  },
  stdio: ['ignore', openSync(trace, 'w'), 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
try {
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const rot = await rotationNamed(process.env.GC_SCENARIO ?? 'floor');
  await slice({ url, rot, t: tally(), seconds: 2, connections: 10 });
  const from = readFileSync(trace, 'utf8').split('\n').length;
  const res = await slice({
    url,
    rot,
    t: tally(),
    seconds: Number(process.env.GC_SECONDS ?? 5),
    connections: 10,
  });
  const lines = readFileSync(trace, 'utf8').split('\n').slice(from);
  const minor = lines.filter((line) => line.includes(' gc=s '));
  // mark-compact (mc) and mark-sweep (ms) lines: the full collections
  const major = lines.filter((line) => / gc=m[cs] /.test(line));
  const sum = (of, field) =>
    of.reduce((a, line) => a + Number(line.match(new RegExp(` ${field}=([\\d.]+)`))?.[1] ?? 0), 0);
  const n = res.requests.total;
  console.log(
    `${n} requests, ${minor.length} minor collections; per request: ` +
      `${(sum(minor, 'allocated') / n).toFixed(0)} B allocated, ` +
      `${(sum(minor, 'new_space_survived') / n).toFixed(0)} B survived, ${(sum(minor, 'promoted') / n).toFixed(0)} B promoted; ` +
      `pauses ${sum(minor, 'pause').toFixed(0)} ms minor, ${major.length} full collections ${sum(major, 'pause').toFixed(0)} ms`,
  );
} finally {
  child.kill('SIGTERM');
  rmSync(trace, { force: true });
}

async function rotationNamed(name) {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`GC_SCENARIO: no scenario ${name}`);
  return scenarioRotation(url, scenario, root);
}
