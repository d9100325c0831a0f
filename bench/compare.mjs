#!/usr/bin/env node
/**
 * `node bench/compare.mjs <database> <seeds> <rootA> <rootB> [scenario] [rounds] [cache]`: two builds of
 * the server (each root's dist/main.js, e.g. a `git worktree` of an older commit) side by side on one
 * database, cache off (or `on`: the servers' default response cache), two servers of each build, in
 * interleaved rounds of 3 s: throughput and server CPU time per request of one scenario (default
 * floor), medians; COMPARE_NODE_ARGS_A and _B give a build's servers Node flags, COMPARE_ENV_A and
 * _B ("NAME=value NAME=value") environment variables of their own (e.g. one build with a layer off:
 * COMPARE_ENV_B=BENCH_LAYERS_OFF=async-scope). The fairest before/after on a machine others are using.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rotation, slice, tally } from './lib/load.mjs';
import {
  CACHE_ENV,
  graphql,
  layersOff,
  procCpuMs,
  SERVER_ENV,
  startServer,
} from './lib/server.mjs';
import { DISCOVERY, realGraph, scenarioNamed } from './scenarios.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [database, seeds, rootA, rootB, scenarioName = 'floor', roundsArg = '5', cache = 'off'] =
  process.argv.slice(2);
const scenario = scenarioNamed(scenarioName);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const env = { ...SERVER_ENV, ...CACHE_ENV[cache] };
// Two servers of each build, started A, B, B, A: a server's place in the start order moved its CPU
// per request by 10-20% on this machine (the same build against itself), which this cancels.
// COMPARE_NODE_ARGS_A / _B="--flag ...": that build's servers start with these Node flags (e.g. one
// build with two V8 settings: the same root twice).
const words = (name) => (process.env[name] ?? '').split(' ').filter(Boolean);
const nodeArgs = words;
// COMPARE_ENV_A / _B="NAME=value ...": that build's servers get these environment variables; a
// BENCH_LAYERS_OFF there adds to the cache mode's own (cache off keeps search-answers off)
const envOf = (name) => {
  const own = Object.fromEntries(
    words(name).map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`${name}: "${pair}" is not NAME=value`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
  if (own.BENCH_LAYERS_OFF !== undefined && env.BENCH_LAYERS_OFF !== undefined)
    own.BENCH_LAYERS_OFF = layersOff(own.BENCH_LAYERS_OFF, env.BENCH_LAYERS_OFF);
  return own;
};
const builds = [rootA, rootB].map((r) => ({ root: r, rps: [], cpu: [], byServer: [] }));
const servers = [];
for (const build of [builds[0], builds[1], builds[1], builds[0]]) {
  const server = await startServer({
    root: build.root,
    databaseUrl: database,
    seedsDir: seeds,
    env: { ...env, ...envOf(build === builds[0] ? 'COMPARE_ENV_A' : 'COMPARE_ENV_B') },
    nodeArgs: nodeArgs(build === builds[0] ? 'COMPARE_NODE_ARGS_A' : 'COMPARE_NODE_ARGS_B'),
  });
  const s = { build, server, cpu: [] };
  build.byServer.push(s);
  servers.push(s);
}
try {
  const discovered = await graphql(servers[0].server.url, DISCOVERY);
  for (const s of servers.slice(1)) await graphql(s.server.url, DISCOVERY); // each alike
  const variableSets = scenario.variables({
    ...realGraph(root),
    cursors: discovered.body.data.roles.edges.map((e) => e.cursor),
  });
  const rot = rotation(scenario.query, variableSets);
  // Every variable set once, one at a time, before any load, as `npm run bench` checks them: a
  // server whose first nested requests came ten at a time settled 20% slower than one whose first
  // came one by one (bench/README.md, "One process's luck"), and the two builds must start alike.
  for (const s of servers)
    for (const variables of variableSets) await graphql(s.server.url, scenario.query, variables);
  for (const s of servers)
    for (let w = 0; w < 2; w++)
      await slice({ url: s.server.url, rot, t: tally(), seconds: 2, connections: 10 });
  for (let r = 0; r < Number(roundsArg); r++) {
    const rps = [0, 0];
    for (const s of r % 2 ? [...servers].reverse() : servers) {
      const before = procCpuMs(s.server.pid);
      const res = await slice({ url: s.server.url, rot, t: tally(), seconds: 3, connections: 10 });
      const cpu = (procCpuMs(s.server.pid) - before) / res.requests.total;
      s.cpu.push(cpu);
      s.build.cpu.push(cpu);
      rps[builds.indexOf(s.build)] += res.requests.total / res.duration / 2;
    }
    builds.forEach((b, i) => b.rps.push(rps[i]));
  }
  for (const b of builds)
    console.log(
      `${scenarioName} ${b.root}: ${median(b.rps).toFixed(0)} req/s, ${median(b.cpu).toFixed(3)} CPU ms/request (its two servers: ${b.byServer.map((s) => median(s.cpu).toFixed(3)).join(', ')})`,
    );
  console.log(
    `B/A by CPU per request: ${(median(builds[0].cpu) / median(builds[1].cpu)).toFixed(2)}x; by median round ratio of req/s: ${median(builds[1].rps.map((x, i) => x / builds[0].rps[i])).toFixed(2)}x`,
  );
} finally {
  for (const s of servers) await s.server.stop();
}
