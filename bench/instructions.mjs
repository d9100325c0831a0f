#!/usr/bin/env node
/**
 * `node bench/instructions.mjs <database> <seeds> '<variants JSON>' [scenario] [requests] [warm-up s] [cache]`:
 * instructions a server executes per request of one scenario, counted by Valgrind (callgrind),
 * for several builds, settings and yardsticks. Variants are as bench/cpu-variants.mjs takes them
 * (`{ "name", "root", "env"?, "nodeArgs"? }` or `{ "name", "root", "bare": "apollo" }`).
 *
 * Why: on a shared machine CPU time per request drifts by ±40% within a minute, and two servers
 * of one build differ by 10% or more; the count of instructions a request costs does not drift.
 * Each server runs under `valgrind --tool=callgrind --instr-atstart=no` (uninstrumented, about
 * five times slower), is warmed up under load, then counts three batches of `requests` requests
 * (10 at a time, the variables in turn) with instrumentation switched on for the batch alone.
 * Printed per batch: the main thread's instructions per request, and all threads' (V8's
 * compiler and GC helpers too, which vary more). CACHESIM=1 adds a cache simulation (data and
 * last-level misses per request). The kernel's side (the syscalls) is not counted: it is the same
 * per request for every server here (one read, one writev; checked with strace -c).
 *
 * Needs Valgrind (Debian's `valgrind`). Takes a few minutes per variant.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rotation, slice, tally } from './lib/load.mjs';
import { CACHE_ENV, graphql, SERVER_ENV, startBare, startServer } from './lib/server.mjs';
import { DISCOVERY, realGraph, scenarioNamed } from './scenarios.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const [
  database,
  seeds,
  variantsJson,
  name = 'floor',
  requestsArg = '1000',
  warmArg = '30',
  cache = 'off',
] = process.argv.slice(2);
const scenario = scenarioNamed(name);
const requests = Number(requestsArg);
const cacheSim = Boolean(process.env.CACHESIM);
const events = cacheSim ? 'Ir,Dr,Dw,D1mr,D1mw,DLmr,DLmw' : 'Ir';
const out = mkdtempSync(join(tmpdir(), 'instructions-'));
const launcher = [
  'valgrind',
  '--tool=callgrind',
  '--instr-atstart=no',
  `--callgrind-out-file=${join(out, 'callgrind.%p')}`,
  ...(cacheSim ? ['--cache-sim=yes'] : []),
];

/** callgrind_control on one server; vgdb names its pipes after $HOST, which our servers set. */
function control(server, args) {
  const env = { ...process.env };
  if (server.host) env.HOST = server.host;
  else delete env.HOST;
  return execFileSync('callgrind_control', [...args, String(server.pid)], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env,
  }).toString();
}

/** Sends `n` of the rotation's bodies, 10 at a time, each answered before the next. */
async function send(url, bodies, n) {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const body = bodies[next++ % bodies.length];
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      if (res.status !== 200 || text.includes('"errors"'))
        throw new Error(`${res.status}: ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
}

/** Per-thread event counts from `callgrind_control -e`, divided by `n`. */
function perRequest(text, n) {
  const names = /Totals:\s*(.*)/.exec(text)?.[1].trim().split(/\s+/) ?? [];
  const threads = [...text.matchAll(/Th \d+\s+(.*)/g)].map((m) =>
    m[1]
      .trim()
      .split(/\s+/)
      .map((x) => Number(x.replace(/,/g, '')) / n),
  );
  return names.map((event, i) => ({
    event,
    main: threads[0]?.[i] ?? 0,
    all: threads.reduce((sum, row) => sum + (row[i] ?? 0), 0),
  }));
}

const variants = JSON.parse(variantsJson);
const kilo = (x) => `${(x / 1000).toFixed(1)}K`;
try {
  for (const v of variants) {
    const server = v.bare
      ? await startBare({ root: v.root, kind: v.bare, launcher, readyTimeoutMs: 600_000 })
      : {
          ...(await startServer({
            root: v.root,
            databaseUrl: database,
            seedsDir: seeds,
            env: { ...SERVER_ENV, ...CACHE_ENV[cache], ...(v.env ?? {}) },
            nodeArgs: v.nodeArgs ?? [],
            launcher,
            readyTimeoutMs: 600_000,
          })),
          host: '127.0.0.1',
        };
    try {
      const url = server.url.replace(/\/$/, '');
      const discovered = await graphql(url, DISCOVERY);
      const cursors = discovered.body.data?.roles.edges.map((e) => e.cursor) ?? [];
      const variableSets = v.bare ? [{}] : scenario.variables({ ...realGraph(here), cursors });
      const rot = rotation(v.bare ? '{ __typename }' : scenario.query, variableSets);
      await slice({ url, rot, t: tally(), seconds: Number(warmArg), connections: 10 });
      const batches = [];
      for (let b = 0; b < 3; b++) {
        control(server, ['--zero']);
        control(server, ['--instr=on']);
        await send(url, rot.bodies, requests);
        batches.push(perRequest(control(server, ['-e', events]), requests));
        control(server, ['--instr=off']);
      }
      const ir = batches.map((rows) => rows.find((r) => r.event === 'Ir'));
      console.log(
        `${v.name}: Ir per request, main thread ${ir.map((r) => kilo(r.main)).join(' ')}; all threads ${ir.map((r) => kilo(r.all)).join(' ')}`,
      );
      if (cacheSim)
        for (const rows of batches)
          console.log(
            `  ${rows.map((r) => `${r.event} ${r.main.toFixed(0)}`).join(' ')} (main thread)`,
          );
    } finally {
      await server.stop();
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
