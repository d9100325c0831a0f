#!/usr/bin/env node
/**
 * `node bench/crosscheck.mjs [--scale 1] [--seconds 5] [--cache off] [--scenarios floor,lookup]`: an
 * independent load test to check the benchmark against. It starts the same production server
 * and sends the same request mix with two different clients, autocannon (Node, as `npm run
 * bench` does) and wrk (C, `apt-get install wrk`), in ABBA order, and prints both.
 * Writes bench/results/crosscheck.md. Run `npm run build` first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rotation, slice, summarise, tally } from './lib/load.mjs';
import { CACHE_ENV, graphql, runNode, SERVER_ENV, startServer } from './lib/server.mjs';
import { DISCOVERY, realGraph, SCENARIOS } from './scenarios.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i > -1 ? args[i + 1] : fallback;
};
const scale = Number(opt('scale', '1'));
const seconds = Number(opt('seconds', '5'));
const connections = Number(opt('connections', '10'));
const names = opt('scenarios', SCENARIOS.map((s) => s.name).join(',')).split(',');
const cache = opt('cache', 'off');

/** A wrk Lua script that rotates through the same bodies as the benchmark. */
function luaScript(bodies) {
  const items = bodies.map((b) => `[==[${b}]==]`).join(',\n');
  return `local bodies = {\n${items}\n}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i + 1
  return wrk.format(nil, nil, nil, bodies[(i % #bodies) + 1])
end
`;
}

/** Runs wrk; returns { rps, p50Ms, p99Ms, non2xx }. */
function wrk(url, script) {
  const out = execFileSync(
    'wrk',
    ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, `${url}/graphql`],
    { encoding: 'utf8' },
  );
  const ms = (v, unit) => Number(v) * { us: 0.001, ms: 1, s: 1000 }[unit];
  const pct = (p) => {
    const m = out.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`));
    return m ? ms(m[1], m[2]) : null;
  };
  const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  return {
    rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]),
    p50Ms: pct(50),
    p99Ms: pct(99),
    non2xx,
  };
}

async function main() {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  if (spawnSync('wrk', ['--version']).error)
    throw new Error('wrk is not installed (apt-get install -y wrk)');
  const context = realGraph(root);
  const work = mkdtempSync(join(os.tmpdir(), 'careergraph-crosscheck-'));
  const seeds = join(work, 'seeds');
  const database = `sqlite:${join(work, 'db.sqlite')}`;
  await runNode(
    ['dist/seeding/synthetic-cli.js', '--scale', String(scale), '--out', seeds],
    {},
    root,
  );
  await runNode(
    ['dist/seeding/cli.js', '--from', seeds],
    { DATABASE_URL: database, LOG_LEVEL: 'warn' },
    root,
  );
  const server = await startServer({
    root,
    databaseUrl: database,
    seedsDir: seeds,
    env: { ...SERVER_ENV, ...CACHE_ENV[cache] },
  });
  const rows = [];
  try {
    const cursors = (await graphql(server.url, DISCOVERY)).body.data.roles.edges.map(
      (e) => e.cursor,
    );
    for (const name of names) {
      const scenario = SCENARIOS.find((s) => s.name === name);
      const rot = rotation(scenario.query, scenario.variables({ ...context, cursors }));
      const script = join(work, `${name}.lua`);
      writeFileSync(script, luaScript(rot.bodies));
      await slice({ url: server.url, rot, t: tally(), seconds: 1, connections }); // warm-up
      const ac = tally();
      const w = [];
      for (const step of ['ac', 'wrk', 'wrk', 'ac']) {
        if (step === 'ac') await slice({ url: server.url, rot, t: ac, seconds, connections });
        else w.push(wrk(server.url, script));
      }
      const a = summarise(ac);
      const mean = (k) => w.reduce((s, x) => s + x[k], 0) / w.length;
      rows.push({
        name,
        autocannon: { rps: a.rps, p50Ms: a.p50Ms, p99Ms: a.p99Ms },
        wrk: {
          rps: mean('rps'),
          p50Ms: mean('p50Ms'),
          p99Ms: mean('p99Ms'),
          non2xx: w.reduce((s, x) => s + x.non2xx, 0),
        },
      });
      console.error(
        `${name}: autocannon ${a.rps.toFixed(0)} req/s, wrk ${mean('rps').toFixed(0)} req/s`,
      );
    }
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const f = (v) => (v == null ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const floorA = rows.find((r) => r.name === 'floor')?.autocannon.rps;
  const floorW = rows.find((r) => r.name === 'floor')?.wrk.rps;
  const md = [
    `# Cross-check: autocannon against wrk (${scale}x graph, response cache ${cache})`,
    '',
    `${new Date().toISOString()} · ${os.cpus()[0]?.model.trim()}, ${os.cpus().length} cores · Node ${process.versions.node} · commit ${commit}. ` +
      `Same server, same request bodies, ${connections} connections, ${seconds} s slices in ABBA order (autocannon, wrk, wrk, autocannon).`,
    '',
    '| scenario | autocannon req/s | wrk req/s | difference | autocannon % of floor | wrk % of floor | autocannon p50 / p99 ms | wrk p50 / p99 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${f(r.autocannon.rps)} | ${f(r.wrk.rps)} | ${(((r.wrk.rps - r.autocannon.rps) / r.autocannon.rps) * 100).toFixed(0)}% | ` +
        `${floorA ? `${((100 * r.autocannon.rps) / floorA).toFixed(0)}%` : '-'} | ${floorW ? `${((100 * r.wrk.rps) / floorW).toFixed(0)}%` : '-'} | ` +
        `${f(r.autocannon.p50Ms)} / ${f(r.autocannon.p99Ms)} | ${f(r.wrk.p50Ms)} / ${f(r.wrk.p99Ms)} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(join(root, 'bench', 'results', 'crosscheck.md'), md);
  console.log(md);
}

main().catch((err) => {
  console.error(`crosscheck failed: ${err.stack ?? err}`);
  process.exit(1);
});
