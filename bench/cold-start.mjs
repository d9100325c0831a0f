#!/usr/bin/env node
/**
 * `node bench/cold-start.mjs <database> <seeds> <rootA> <rootB> [scenario] [rounds] [warm] [seconds]`:
 * two builds started the way a server in production starts, their first requests coming ten at
 * a time (`npm run bench` and `compare.mjs` first send every variable set one at a time, which
 * leaves a server in another state: bench/README.md, "Twenty-second session"). Each round starts
 * a fresh server of each build (A and B in turn), loads it at once with 10 connections for
 * `warm` seconds (default 10), then measures `seconds` (default 6): throughput, server CPU per
 * request, and from its /metrics the full (major) collections and their time. Medians last.
 */
import { scenarioRotation, slice, tally } from './lib/load.mjs';
import { CACHE_ENV, procCpuMs, SERVER_ENV, startServer } from './lib/server.mjs';
import { scenarioNamed } from './scenarios.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const [database, seeds, rootA, rootB, name = 'nested', rounds = '2', warm = '10', seconds = '6'] =
  process.argv.slice(2);
if (!rootB) {
  console.error(
    'usage: node bench/cold-start.mjs <database> <seeds> <rootA> <rootB> [scenario] [rounds] [warm] [seconds]',
  );
  process.exit(2);
}
const scenario = scenarioNamed(name);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** prom-client's default GC histogram: count and seconds of major collections so far. */
async function majorCollections(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (metric) =>
    Number(text.match(new RegExp(`^${metric}\\{kind="major"\\} ([\\d.e+-]+)$`, 'm'))?.[1] ?? 0);
  return {
    count: read('nodejs_gc_duration_seconds_count'),
    seconds: read('nodejs_gc_duration_seconds_sum'),
  };
}

async function coldRun(root) {
  const server = await startServer({
    root,
    databaseUrl: database,
    seedsDir: seeds,
    env: { ...SERVER_ENV, ...CACHE_ENV.off },
  });
  try {
    const rot = await scenarioRotation(server.url, scenario, here);
    await slice({ url: server.url, rot, t: tally(), seconds: Number(warm), connections: 10 });
    const [cpu0, gc0] = [procCpuMs(server.pid), await majorCollections(server.url)];
    const res = await slice({
      url: server.url,
      rot,
      t: tally(),
      seconds: Number(seconds),
      connections: 10,
    });
    const [cpu1, gc1] = [procCpuMs(server.pid), await majorCollections(server.url)];
    const n = res.requests.total;
    return {
      reqPerSec: n / Number(seconds),
      cpuMsPerRequest: (cpu1 - cpu0) / n,
      majorPer1000: ((gc1.count - gc0.count) * 1000) / n,
      majorMs: (gc1.seconds - gc0.seconds) * 1000,
    };
  } finally {
    await server.stop();
  }
}

const results = { [rootA]: [], [rootB]: [] };
for (let round = 0; round < Number(rounds); round++) {
  for (const root of round % 2 ? [rootB, rootA] : [rootA, rootB]) {
    const r = await coldRun(root);
    results[root].push(r);
    console.log(
      `${name} ${root} round ${round + 1}: ${r.reqPerSec.toFixed(0)} req/s, ` +
        `${r.cpuMsPerRequest.toFixed(3)} CPU ms/request, ` +
        `${r.majorPer1000.toFixed(2)} full collections per 1,000 requests (${r.majorMs.toFixed(0)} ms)`,
    );
  }
}
const summary = {};
for (const root of [rootA, rootB]) {
  const rs = results[root];
  summary[root] = {
    reqPerSec: median(rs.map((r) => r.reqPerSec)),
    cpu: median(rs.map((r) => r.cpuMsPerRequest)),
  };
  console.log(
    `${name} ${root}: ${summary[root].reqPerSec.toFixed(0)} req/s, ${summary[root].cpu.toFixed(3)} CPU ms/request (medians)`,
  );
}
console.log(
  `B/A by CPU per request: ${(summary[rootA].cpu / summary[rootB].cpu).toFixed(2)}x; by req/s: ` +
    `${(summary[rootB].reqPerSec / summary[rootA].reqPerSec).toFixed(2)}x`,
);
