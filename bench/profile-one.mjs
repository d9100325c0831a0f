#!/usr/bin/env node
/**
 * `node bench/profile-one.mjs <database> <seeds> <root> <scenario> <off|on> <dir> [seconds]`: one
 * server of `<root>` under `node --cpu-prof`, loaded with one scenario for `seconds` (default 8)
 * after a warm-up; the profile is written to `<dir>` when the server exits.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioRotation, slice, tally } from './lib/load.mjs';
import { CACHE_ENV, SERVER_ENV, startServer } from './lib/server.mjs';
import { scenarioNamed } from './scenarios.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const [database, seeds, root, name, cache = 'off', dir, seconds = '8'] = process.argv.slice(2);
const scenario = scenarioNamed(name);
const server = await startServer({
  root,
  databaseUrl: database,
  seedsDir: seeds,
  env: { ...SERVER_ENV, ...CACHE_ENV[cache] },
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
});
try {
  const rot = await scenarioRotation(server.url, scenario, here);
  await slice({ url: server.url, rot, t: tally(), seconds: 2, connections: 10 });
  const res = await slice({
    url: server.url,
    rot,
    t: tally(),
    seconds: Number(seconds),
    connections: 10,
  });
  console.log(
    `${name} ${cache}: ${(res.requests.total / res.duration).toFixed(0)} req/s under the profiler`,
  );
} finally {
  await server.stop();
}
