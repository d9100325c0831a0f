#!/usr/bin/env node
/**
 * `node bench/compare.mjs <database> <seeds> <rootA> <rootB> [scenario] [rounds] [cache]`: two builds of
 * the server (each root's dist/main.js, e.g. a `git worktree` of an older commit) side by side on one
 * database, cache off (or `on`: the servers' default response cache), in interleaved rounds of 3 s: throughput and server CPU time per request of
 * one scenario (default floor), medians. The fairest before/after on a machine others are using.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rotation, slice, tally } from './lib/load.mjs';
import { CACHE_ENV, graphql, procCpuMs, SERVER_ENV, startServer } from './lib/server.mjs';
import { DISCOVERY, realGraph, SCENARIOS } from './scenarios.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [database, seeds, rootA, rootB, scenarioName = 'floor', roundsArg = '5', cache = 'off'] =
  process.argv.slice(2);
const scenario = SCENARIOS.find((s) => s.name === scenarioName);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const env = { ...SERVER_ENV, ...CACHE_ENV[cache] };
const servers = [];
for (const r of [rootA, rootB])
  servers.push({
    root: r,
    server: await startServer({ root: r, databaseUrl: database, seedsDir: seeds, env }),
    rps: [],
    cpu: [],
  });
try {
  const discovered = await graphql(servers[0].server.url, DISCOVERY);
  const rot = rotation(
    scenario.query,
    scenario.variables({
      ...realGraph(root),
      cursors: discovered.body.data.roles.edges.map((e) => e.cursor),
    }),
  );
  for (const s of servers)
    for (let w = 0; w < 3; w++)
      await slice({ url: s.server.url, rot, t: tally(), seconds: 2, connections: 10 });
  for (let r = 0; r < Number(roundsArg); r++) {
    for (const s of r % 2 ? [...servers].reverse() : servers) {
      const before = procCpuMs(s.server.pid);
      const res = await slice({ url: s.server.url, rot, t: tally(), seconds: 3, connections: 10 });
      s.rps.push(res.requests.total / res.duration);
      s.cpu.push((procCpuMs(s.server.pid) - before) / res.requests.total);
    }
  }
  for (const s of servers)
    console.log(
      `${scenarioName} ${s.root}: ${median(s.rps).toFixed(0)} req/s, ${median(s.cpu).toFixed(3)} CPU ms/request (rounds: ${s.cpu.map((c) => c.toFixed(3)).join(', ')})`,
    );
  console.log(
    `B/A by CPU per request: ${(median(servers[0].cpu) / median(servers[1].cpu)).toFixed(2)}x; by median round ratio of req/s: ${median(servers[1].rps.map((x, i) => x / servers[0].rps[i])).toFixed(2)}x`,
  );
} finally {
  for (const s of servers) await s.server.stop();
}
