#!/usr/bin/env node
/**
 * `node bench/cpu-layers.mjs <database> <seeds> <off-set> [<off-set> ...]`: the server's CPU time per
 * `{ __typename }` request (from /proc, so other work on the machine hardly moves it) with each
 * set of layers turned off (BENCH_LAYERS_OFF; `-` for none), interleaved over 3 rounds of 3 s.
 * A quick way to see what a layer costs when the machine is too busy for throughput figures.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rotation, slice, tally } from './lib/load.mjs';
import { CACHE_ENV, layersOff, procCpuMs, SERVER_ENV, startServer } from './lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [database, seeds, ...sets] = process.argv.slice(2);
const rot = rotation('{ __typename }', [{}]);
const servers = [];
for (const set of sets) {
  const env = {
    ...SERVER_ENV,
    ...CACHE_ENV.off,
    ...(set === '-' ? {} : { BENCH_LAYERS_OFF: layersOff(set) }),
  };
  servers.push({
    set,
    server: await startServer({ root, databaseUrl: database, seedsDir: seeds, env }),
    cpu: [],
  });
}
try {
  for (const s of servers)
    for (let w = 0; w < 2; w++)
      await slice({ url: s.server.url, rot, t: tally(), seconds: 2, connections: 10 });
  for (let r = 0; r < 3; r++) {
    for (const s of r % 2 ? [...servers].reverse() : servers) {
      const before = procCpuMs(s.server.pid);
      const res = await slice({ url: s.server.url, rot, t: tally(), seconds: 3, connections: 10 });
      s.cpu.push((procCpuMs(s.server.pid) - before) / res.requests.total);
    }
  }
  for (const s of servers) {
    const sorted = [...s.cpu].sort((a, b) => a - b);
    console.log(
      `${sorted[1].toFixed(3)} ms/request (rounds ${s.cpu.map((c) => c.toFixed(3)).join(', ')})  off: ${s.set}`,
    );
  }
} finally {
  for (const s of servers) await s.server.stop();
}
