/**
 * What the slowest reads beside writes were waiting for. One server (cache off) on a copy of a
 * database, loaded first with every read scenario (as the full run leaves it), then reads at a
 * steady rate, the benchmark's mix, in slices alone and with a write every 200 ms, alternated.
 * Each read is recorded with its scenario and where it fell against the writes (under way, or how
 * long after the last one was answered); the slowest of each kind of slice are printed with a
 * tally by scenario and by place.
 *
 *   [WRITE_TAIL_CACHE=on] [WRITE_TAIL_SHOW=1] node bench/write-tail.mjs DATABASE_FILE SEEDS_DIR [rounds=4] [ROOT=.]
 *
 * WRITE_TAIL_CACHE=on keeps the server's response cache (off by default); WRITE_TAIL_SHOW=1 also
 * lists the 25 slowest reads of each kind of slice with their variables.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { quantile, rotation, slice, tally } from './lib/load.mjs';
import { CACHE_ENV, graphql, SERVER_ENV, startServer } from './lib/server.mjs';
import { editorKey, readMix, writer, writeStream } from './lib/write.mjs';
import { DISCOVERY, realGraph, SCENARIOS } from './scenarios.mjs';

const [database, seeds, roundsArg = '4', rootArg = '.'] = process.argv.slice(2);
if (!database || !seeds) {
  console.error('usage: node bench/write-tail.mjs DATABASE_FILE SEEDS_DIR [rounds] [ROOT]');
  process.exit(2);
}
const root = resolve(rootArg);
const rounds = Number(roundsArg);
const RATE = 100;
const SLICE_MS = 10_000;
const dir = mkdtempSync(join(os.tmpdir(), 'write-tail-'));
const copy = join(dir, 'graph.sqlite');
copyFileSync(database, copy);
const databaseUrl = `sqlite:${copy}`;

const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });

/** One POST over a kept connection, no compression asked (as autocannon sends them). */
function post(url, body) {
  return new Promise((done, fail) => {
    const req = http.request(
      `${url}/graphql`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => done(res.statusCode));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

const key = await editorKey(root, databaseUrl);
const server = await startServer({
  root,
  databaseUrl,
  seedsDir: resolve(seeds),
  env: { ...SERVER_ENV, ...CACHE_ENV[process.env.WRITE_TAIL_CACHE === 'on' ? 'on' : 'off'] },
});
try {
  const graph = realGraph(root);
  const discovered = await graphql(server.url, DISCOVERY);
  const ctx = { ...graph, cursors: discovered.body.data.roles.edges.map((e) => e.cursor) };
  const plans = SCENARIOS.filter((s) => s.name !== 'floor').map((scenario) => ({
    scenario,
    variableSets: scenario.variables(ctx),
  }));
  // what the full run did before: every read scenario at full load
  for (const { scenario, variableSets } of plans) {
    const rot = rotation(scenario.query, variableSets);
    await slice({ url: server.url, rot, t: tally(), seconds: 5, connections: 10 });
  }

  const mix = readMix(plans);
  let next = 0;

  const writes = []; // { start, end }
  const reads = { alone: [], writing: [] };
  const write = writer(server.url, key, graph.sectors, []);

  async function readSlice(into) {
    const started = performance.now();
    const pending = [];
    let n = 0;
    while (performance.now() - started < SLICE_MS) {
      const due = started + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const { name, body } = mix[next++ % mix.length];
      const t0 = performance.now();
      pending.push(
        post(server.url, body).then(() =>
          into.push({
            name,
            t0,
            ms: performance.now() - t0,
            vars: JSON.stringify(JSON.parse(body).variables).slice(0, 90),
          }),
        ),
      );
      n += 1;
    }
    await Promise.all(pending);
  }

  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 ? ['writing', 'alone'] : ['alone', 'writing']) {
      if (which === 'alone') {
        await readSlice(reads.alone);
        continue;
      }
      const stop = writeStream(write, 200, (_ms, start) =>
        writes.push({ start, end: performance.now() }),
      );
      await readSlice(reads.writing);
      await stop();
    }
  }

  const place = (t0) => {
    let last;
    for (const w of writes) {
      if (w.start <= t0 && t0 < w.end) return 'during a write';
      if (w.end <= t0) last = w;
    }
    if (!last) return 'no write before';
    const since = t0 - last.end;
    return since < 5
      ? '0-5 ms after'
      : since < 20
        ? '5-20 ms after'
        : since < 50
          ? '20-50 ms after'
          : '50+ ms after';
  };
  for (const [which, list] of Object.entries(reads)) {
    const p99 = quantile(
      list.map((x) => x.ms),
      0.99,
    );
    console.log(
      `\n${which}: ${list.length} reads, p50 ${quantile(
        list.map((x) => x.ms),
        0.5,
      ).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`,
    );
    for (const name of plans.map((p) => p.scenario.name)) {
      const own = list.filter((x) => x.name === name).map((x) => x.ms);
      console.log(
        `  ${name.padEnd(7)} n=${own.length} p50 ${quantile(own, 0.5).toFixed(2)} p99 ${quantile(own, 0.99).toFixed(2)} max ${Math.max(...own).toFixed(1)}`,
      );
    }
    const slow = list.filter((x) => x.ms >= p99);
    const by = (f) => {
      const counts = {};
      for (const x of slow) counts[f(x)] = (counts[f(x)] ?? 0) + 1;
      return Object.entries(counts);
    };
    console.log(
      `  at or over p99 (${slow.length}): by scenario ${JSON.stringify(by((x) => x.name))}`,
    );
    if (which === 'writing') console.log(`  by place ${JSON.stringify(by((x) => place(x.t0)))}`);
    if (process.env.WRITE_TAIL_SHOW)
      for (const x of slow.sort((a, b) => b.ms - a.ms).slice(0, 25))
        console.log(
          `    ${x.ms.toFixed(1)} ms ${x.name} ${which === 'writing' ? place(x.t0) : ''} ${x.vars}`,
        );
  }
  if (writes.length) {
    const w = writes.map((x) => x.end - x.start);
    console.log(
      `\nwrites: ${w.length}, p50 ${quantile(w, 0.5).toFixed(1)} ms, p99 ${quantile(w, 0.99).toFixed(1)} ms`,
    );
    const places = {};
    for (const x of reads.writing) (places[place(x.t0)] ??= []).push(x.ms);
    for (const [p, ms] of Object.entries(places))
      console.log(
        `  reads ${p.padEnd(16)} n=${ms.length} p50 ${quantile(ms, 0.5).toFixed(2)} p99 ${quantile(ms, 0.99).toFixed(2)}`,
      );
  }
} finally {
  await server.stop();
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
}
