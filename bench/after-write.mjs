/**
 * What the first read after a write costs. One server (cache off) on a copy of a database, one
 * request at a time: every read scenario once, then a write (a sector's description, as the
 * `write` scenario makes them), then one scenario twice, in turn; the medians of the first and
 * the second read are printed side by side with the SQL statements each ran. The gap between the two is what a new
 * graph version costs the request that meets it first: the tail of issue 17's reads during writes.
 *
 *   [AFTER_WRITE_PAUSE_MS=n] [AFTER_WRITE_KIND=skill] node bench/after-write.mjs DATABASE_FILE SEEDS_DIR [writes=20] [ROOT=.]
 *
 * AFTER_WRITE_KIND=skill writes skills' descriptions instead of sectors' (a skill's rows are
 * referenced from more tables: requirements, certifications, insights, moves).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { quantile } from './lib/load.mjs';
import { CACHE_ENV, graphql, SERVER_ENV, startServer } from './lib/server.mjs';
import { editorKey, writer } from './lib/write.mjs';
import { DISCOVERY, realGraph, SCENARIOS } from './scenarios.mjs';

const [database, seeds, writesArg = '20', rootArg = '.'] = process.argv.slice(2);
if (!database || !seeds) {
  console.error('usage: node bench/after-write.mjs DATABASE_FILE SEEDS_DIR [writes] [ROOT]');
  process.exit(2);
}
const root = resolve(rootArg);
const writes = Number(writesArg);
/** A pause between each write and the read after it (AFTER_WRITE_PAUSE_MS): what catches up meanwhile. */
const pauseMs = Number(process.env.AFTER_WRITE_PAUSE_MS ?? 0);
/** AFTER_WRITE_CONTROL=1: a `{ __typename }` in place of each write, the same sequence with the version unchanged. */
const control = process.env.AFTER_WRITE_CONTROL === '1';
const kind = process.env.AFTER_WRITE_KIND ?? 'sector';
const dir = mkdtempSync(join(os.tmpdir(), 'after-write-'));
const copy = join(dir, 'graph.sqlite');
copyFileSync(database, copy); // the writes change it
const databaseUrl = `sqlite:${copy}`;

async function timed(url, query, variables) {
  const started = performance.now();
  const { status, body } = await graphql(url, query, variables);
  if (status !== 200 || body.errors)
    throw new Error(`HTTP ${status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  return { ms: performance.now() - started, sql: body.extensions?.sqlStatements ?? null };
}

const key = await editorKey(root, databaseUrl);
const server = await startServer({
  root,
  databaseUrl,
  seedsDir: resolve(seeds),
  env: { ...SERVER_ENV, ...CACHE_ENV.off },
  // AFTER_WRITE_NODE_ARGS='--cpu-prof --cpu-prof-dir=DIR': a profile of the server over the run
  nodeArgs: (process.env.AFTER_WRITE_NODE_ARGS ?? '').split(' ').filter(Boolean),
});
try {
  const graph = realGraph(root);
  const discovered = await graphql(server.url, DISCOVERY);
  const ctx = { ...graph, cursors: discovered.body.data.roles.edges.map((e) => e.cursor) };
  const reads = SCENARIOS.filter((s) => s.name !== 'floor').map((s) => ({
    scenario: s,
    variables: s.variables(ctx)[1] ?? s.variables(ctx)[0],
  }));
  for (const r of reads)
    for (let i = 0; i < 50; i++) await timed(server.url, r.scenario.query, r.variables);
  const slugs = kind === 'skill' ? graph.skills : graph.sectors;
  const write = writer(server.url, key, slugs, [], kind);
  for (let i = 0; i < 5; i++) await write(); // warm the write path too
  const seen = new Map(reads.map((r) => [r.scenario.name, { first: [], second: [], sql: [] }]));
  const writeMs = [];
  for (let w = 0; w < writes; w++) {
    for (const r of reads) {
      // every scenario once since the last write, as a steady mix of reads would have it
      for (const other of reads) await timed(server.url, other.scenario.query, other.variables);
      writeMs.push(control ? (await timed(server.url, '{ __typename }')).ms : await write());
      if (pauseMs) await sleep(pauseMs);
      const first = await timed(server.url, r.scenario.query, r.variables);
      const second = await timed(server.url, r.scenario.query, r.variables);
      const s = seen.get(r.scenario.name);
      s.first.push(first.ms);
      s.second.push(second.ms);
      s.sql.push(`${first.sql}/${second.sql}`);
    }
  }
  const f = (x) => x.toFixed(2);
  console.log(`writes: p50 ${f(quantile(writeMs, 0.5))} ms, max ${f(Math.max(...writeMs))} ms`);
  console.log('scenario  first p50  second p50  first p90  second p90  sql first/second');
  for (const [name, s] of seen) {
    const sql = [...new Set(s.sql)].join(' ');
    console.log(
      `${name.padEnd(8)}  ${f(quantile(s.first, 0.5)).padStart(9)}  ${f(quantile(s.second, 0.5)).padStart(10)}  ${f(quantile(s.first, 0.9)).padStart(9)}  ${f(quantile(s.second, 0.9)).padStart(10)}  ${sql}`,
    );
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
