#!/usr/bin/env node
/**
 * `node bench/cpu-variants.mjs <database> <seeds> '<variants JSON>' [rounds] [seconds]`: server CPU
 * time per `{ __typename }` request (from /proc) of several servers side by side, in interleaved
 * rounds (medians). Each variant is `{ "name", "root" }` (that root's dist/main.js, e.g. a git
 * worktree of another commit) with optional `"env"` and `"nodeArgs"`, or `{ "name", "root",
 * "bare": "apollo" }` for a yardstick of bench/bare/server.mjs. A variant's `"database"` and
 * `"seeds"` replace the arguments' (floor on graphs of two sizes side by side). Unlike compare.mjs it takes any
 * number of builds, settings and yardsticks at once.
 */
import { rotation, slice, tally } from './lib/load.mjs';
import { CACHE_ENV, procCpuMs, SERVER_ENV, startBare, startServer } from './lib/server.mjs';

const [database, seeds, variantsJson, roundsArg = '6', secondsArg = '3'] = process.argv.slice(2);
const variants = JSON.parse(variantsJson);
const seconds = Number(secondsArg);
const rot = rotation('{ __typename }', [{}]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const servers = [];
try {
  for (const v of variants)
    servers.push({
      v,
      server: v.bare
        ? await startBare({ root: v.root, kind: v.bare })
        : await startServer({
            root: v.root,
            databaseUrl: v.database ?? database,
            seedsDir: v.seeds ?? seeds,
            env: { ...SERVER_ENV, ...CACHE_ENV.off, ...(v.env ?? {}) },
            nodeArgs: v.nodeArgs ?? [],
          }),
      cpu: [],
      rps: [],
    });
  for (const s of servers)
    for (let w = 0; w < 2; w++)
      await slice({ url: s.server.url, rot, t: tally(), seconds: 2, connections: 10 });
  for (let r = 0; r < Number(roundsArg); r++)
    for (const s of r % 2 ? [...servers].reverse() : servers) {
      const before = procCpuMs(s.server.pid);
      const res = await slice({ url: s.server.url, rot, t: tally(), seconds, connections: 10 });
      s.cpu.push((procCpuMs(s.server.pid) - before) / res.requests.total);
      s.rps.push(res.requests.total / seconds);
    }
  for (const s of servers)
    console.log(
      `${median(s.cpu).toFixed(3)} ms/request  ${median(s.rps).toFixed(0)} req/s  (rounds ${s.cpu.map((c) => c.toFixed(3)).join(' ')})  ${s.v.name}`,
    );
} finally {
  for (const s of servers) await s.server.stop();
}
