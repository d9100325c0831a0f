#!/usr/bin/env node
/**
 * `npm run bench [-- options]`: builds and starts the production server on graphs of several
 * sizes and measures each scenario (see scenarios.mjs) against `floor`, interleaved.
 *
 * Options:
 *   --quick              1x, cache off, short slices (about a minute); writes bench/results/quick.*
 *   --cache off,on       server configurations to measure (default both; --quick: off): `off` is the data path
 *                        (HTTP_CACHE_MAX_AGE=0, so the response cache stores nothing, and search's kept
 *                        answers off: BENCH_LAYERS_OFF=search-answers), `on` the
 *                        server as configured by default (Apollo's response cache answers repeats)
 *   --scales 1,10,100    graph sizes (default 1,10,100; --quick: 1)
 *   --slice S            seconds per measured slice (default 2.5; --quick: 1)
 *   --rounds N           floor/scenario rounds per scenario (default 6; --quick: 4)
 *   --warm S             warm-up seconds per scenario (default 2; --quick: 1)
 *   --processes N        server processes per scale and cache mode, each with its own yardsticks
 *                        (default 2; --quick: 1): the rounds take them in turn, so that one process's
 *                        luck (bench/README.md) does not make a whole configuration's figures
 *   --connections N      concurrent connections (default 10)
 *   --scenarios a,b      only these scenarios (floor is always measured); `write` is the write scenario
 *                        (e.g. --scenarios write --scales 100: the writes alone, reads alongside from every read scenario)
 *   --writes N           writes one after another in the write scenario (default 30; --quick: 15)
 *   --write-interval MS  one write every MS ms while reads run alongside (default 200)
 *   --read-rate N        requests per second of the reads alongside the writes, and alone (default 100)
 *   --bare a,b           yardsticks measured beside floor in every run (default http,apollo,apollo-schema;
 *                        `none` for none): a bare node:http server, a bare Apollo Server 5 and the same
 *                        with careergraph's schema (bench/bare/server.mjs); every scenario is also
 *                        reported as a share of each
 *   --layers [a,b]       also measure what each layer of the server costs `floor` (1x, cache off): the
 *                        server restarted with one layer off at a time (BENCH_LAYERS_OFF, see
 *                        src/core/layers.ts), interleaved with the full server; writes
 *                        bench/results/<name>-layers.md (default: every layer)
 *   --seed N             seed of the synthetic graph (default 1)
 *   --profile [a,b]      also CPU-profile these scenarios (default nested,path,gap,search) at each scale;
 *                        summaries go to bench/profiles/<scenario>-<scale>x.md
 *   --profile-seconds S  load under the profiler (default 15)
 *   --profile-only       profile without measuring (bench/results is left alone)
 *   --layers-only        the per-layer costs alone
 *   --name NAME          results file name in bench/results (default latest; --quick: quick)
 *   --no-build           use the existing dist/ as it is
 *   --keep               keep the temporary directory (databases, seeds)
 *   --keep-profiles DIR  copy the raw .cpuprofile files there (open them in Chrome DevTools)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chartSvg } from './lib/chart.mjs';
import { rotation, scenarioRotation, slice, summarise, tally } from './lib/load.mjs';
import { profileMarkdown, profilesTableMarkdown, summariseProfile } from './lib/profile.mjs';
import { checkTargets, consoleTable, resultsMarkdown } from './lib/report.mjs';
import { editorKey, measureWrites } from './lib/write.mjs';
import {
  CACHE_ENV,
  graphql,
  procCpuMs,
  procStatusKb,
  resetPeakRss,
  runNode,
  SERVER_ENV,
  startBare,
  startServer,
} from './lib/server.mjs';
import { layersMarkdown, measureLayers } from './lib/layers.mjs';
import {
  DISCOVERY,
  NESTED_QUERY,
  realGraph,
  SCENARIOS,
  scenarioNamed,
  selectionDepth,
} from './scenarios.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const has = (name) => args.includes(`--${name}`);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i > -1 && args[i + 1] !== undefined && !args[i + 1].startsWith('--')
    ? args[i + 1]
    : fallback;
};
const num = (name, fallback) => {
  const raw = opt(name, undefined);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return n;
};

if (has('help')) {
  // The options are documented once, in this file's header comment.
  const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').match(
    /\/\*\*([\s\S]*?)\*\//,
  )[1];
  console.log(header.replace(/^ \* ?/gm, '').trim());
  process.exit(0);
}
const quick = has('quick');
const options = {
  scales: opt('scales', quick ? '1' : '1,10,100')
    .split(',')
    .map(Number),
  sliceSeconds: num('slice', quick ? 1 : 2.5),
  rounds: num('rounds', quick ? 4 : 6),
  warmSeconds: num('warm', quick ? 1 : 2),
  processes: num('processes', quick ? 1 : 2),
  connections: num('connections', 10),
  seed: num('seed', 1),
  sampleEvery: 5,
  scenarios: opt('scenarios', null)?.split(',') ?? null,
  profile: has('profile') ? opt('profile', 'nested,path,gap,search').split(',') : [],
  profileSeconds: num('profile-seconds', 15),
  cache: opt('cache', quick ? 'off' : 'off,on').split(','),
  writes: num('writes', quick ? 15 : 30),
  writeIntervalMs: num('write-interval', 200),
  readRate: num('read-rate', 100),
  bare: opt('bare', 'http,apollo,apollo-schema')
    .split(',')
    .filter((k) => k !== 'none'),
  layers:
    has('layers') || has('layers-only')
      ? (opt('layers', '') || opt('layers-only', '')).split(',').filter(Boolean)
      : [],
  layersOn: has('layers') || has('layers-only'),
};
const wantsWrite = !options.scenarios || options.scenarios.includes('write');
const name = opt('name', quick ? 'quick' : 'latest');
let buildStamp = 'unknown';
const log = (...parts) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);

async function main() {
  const began = Date.now();
  const loadAtStart = os.loadavg()[0];
  // What is measured is what is built now: record the commit before building, not after the run.
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty =
    git(['status', '--porcelain', '--', 'src', 'package.json', 'package-lock.json']) !== ''; // what the server is built from
  if (options.scales.some((s) => !Number.isInteger(s) || s < 1))
    throw new Error('--scales must be whole numbers ≥ 1, as in 1,10,100');
  if (options.cache.some((c) => !(c in CACHE_ENV)))
    throw new Error('--cache must list off and/or on');
  const unknown = [
    ...(options.scenarios ?? []).filter((n) => n !== 'write'),
    ...options.profile,
  ].filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length)
    throw new Error(
      `unknown scenario(s): ${unknown.join(', ')} (known: ${SCENARIOS.map((s) => s.name).join(', ')}, write)`,
    );
  if (!has('no-build')) {
    log('building (npm run build)');
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const work = mkdtempSync(join(os.tmpdir(), 'careergraph-bench-'));
  const context = realGraph(root);
  buildStamp = `${commit}${dirty ? ' (with uncommitted changes)' : ''}`;
  const runs = [];
  const profiled = [];
  let layers = null;
  try {
    for (const scale of options.scales) {
      const prepared = await prepareScale(scale, work);
      if (!has('profile-only') && !has('layers-only'))
        for (const cache of options.cache) runs.push(await measureRun(prepared, cache, context));
      if (options.layersOn && scale === options.scales[0])
        layers = await measureLayers({ root, prepared, context, options, log });
      for (const scenarioName of options.profile)
        profiled.push(await profileScenario(prepared, scenarioName, work));
    }
    if (profiled.length) writeProfilesTable(profiled);
  } finally {
    if (has('keep')) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  const results = {
    meta: {
      mode: quick ? 'quick' : 'full',
      date: new Date().toISOString(),
      node: process.versions.node,
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: os.cpus().length,
      commit,
      dirty,
      options: { ...options, name },
      durationSeconds: (Date.now() - began) / 1000,
      // Other work on the machine skews absolute figures (ratios to floor much less): say how busy it was.
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] },
    },
    runs,
  };
  const dir = join(root, 'bench', 'results');
  if (layers) {
    mkdirSync(dir, { recursive: true });
    results.layers = layers;
    writeFileSync(join(dir, `${name}-layers.md`), layersMarkdown(results.meta, layers));
    log(`wrote bench/results/${name}-layers.md`);
  }
  if (runs.length === 0) {
    log('profiles only: no results written');
    return;
  }
  results.targets = checkTargets(results);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), resultsMarkdown(results));
  writeFileSync(join(dir, `${name}.svg`), chartSvg(results));
  console.log(consoleTable(results));
  console.log(
    `\nwrote bench/results/${name}.json, ${name}.md and ${name}.svg in ${Math.round(results.meta.durationSeconds)} s`,
  );
}

function git(gitArgs) {
  try {
    return execFileSync('git', gitArgs, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

/** Generates the synthetic graph of one scale and seeds a fresh SQLite file with it. */
async function prepareScale(scale, work) {
  const seeds = join(work, `seeds-${scale}x`);
  const database = `sqlite:${join(work, `bench-${scale}x.sqlite`)}`;
  log(`${scale}x: generating the synthetic graph`);
  const manifest = JSON.parse(
    (
      await runNode(
        [
          'dist/seeding/synthetic-cli.js',
          '--scale',
          String(scale),
          '--seed',
          String(options.seed),
          '--out',
          seeds,
        ],
        {},
        root,
      )
    )
      .trim()
      .split('\n')
      .pop(),
  );
  log(
    `${scale}x: seeding a fresh database (${manifest.counts.roles} roles, ${manifest.counts.citations} citations)`,
  );
  const seedStarted = Date.now();
  // Seeded by a process of its own, so the server's peak memory is that of serving, not loading.
  await runNode(
    ['dist/seeding/cli.js', '--from', seeds],
    { DATABASE_URL: database, LOG_LEVEL: 'warn' },
    root,
  );
  return { scale, seeds, database, counts: manifest.counts, seedMs: Date.now() - seedStarted };
}

/**
 * Starts the server in one cache mode on a prepared scale (`--processes` of them, each with its
 * own yardsticks) and measures every scenario, the rounds taking the processes in turn.
 */
async function measureRun({ scale, seeds, database, counts, seedMs }, cache, context) {
  // the writes are an editor's: a key made in the database the server serves, as `npm run keys` does
  const key = wantsWrite ? await editorKey(root, database) : null;
  const label = `${scale}x, cache ${cache}`;
  const result = {
    scale,
    cache,
    counts,
    seedMs,
    processes: options.processes,
    readyMs: null,
    scenarios: [],
    peakRssMb: 0,
  };
  const servers = [];
  const bareSets = [];
  try {
    for (let p = 0; p < options.processes; p++) {
      const started = await startServer({
        root,
        databaseUrl: database,
        seedsDir: seeds,
        env: { ...SERVER_ENV, ...CACHE_ENV[cache] },
      });
      servers.push(started);
      log(
        `${label}: server ${p + 1} of ${options.processes} ready in ${started.readyMs} ms (pid ${started.pid})`,
      );
    }
    const server = servers[0]; // the one whose checks are reported, and the write scenario's
    result.readyMs = server.readyMs;
    const discovered = await graphql(server.url, DISCOVERY);
    if (discovered.body.errors)
      throw new Error(`discovery query failed: ${JSON.stringify(discovered.body.errors)}`);
    for (const other of servers.slice(1)) await graphql(other.url, DISCOVERY);
    const ctx = { ...context, cursors: discovered.body.data.roles.edges.map((e) => e.cursor) };
    const chosen = SCENARIOS.filter(
      (s) => s.name === 'floor' || !options.scenarios || options.scenarios.includes(s.name),
    );
    const plans = chosen.map((s) => ({ scenario: s, variableSets: s.variables(ctx) }));

    // Every variable set once, checked for errors (this also warms the server up), on every
    // process alike: how a process's first requests come moves its speed for good (README).
    // The figures kept are the first process's.
    for (const s of servers) {
      for (const plan of plans) {
        const check = await checkScenario(s.url, plan);
        if (s === server) plan.check = check;
      }
      if (chosen.some((c) => c.name === 'nested')) {
        const statements = await nestedByFirst(s.url);
        if (s === server) result.nestedStatements = statements;
      }
    }

    const floorPlan = plans[0];
    const floorRot = rotation(floorPlan.scenario.query, floorPlan.variableSets);
    const floorAll = tally(options.sampleEvery);
    let peakKb = 0;
    const largest = (field) => Math.max(0, ...servers.map((s) => procStatusKb(s.pid, field) ?? 0));
    const trackPeak = () => (peakKb = Math.max(peakKb, largest('VmHWM')));
    for (const s of servers) resetPeakRss(s.pid);
    for (const s of servers)
      await slice({
        url: s.url,
        rot: floorRot,
        t: tally(),
        seconds: options.warmSeconds,
        connections: options.connections,
      });
    if (options.bare.length) {
      for (const s of servers) bareSets.push(await startBares(s, floorRot));
      result.stack = await measureStack(servers, bareSets, floorRot, label);
    }
    // kept running: measured in every scenario's rounds too (the targets' yardstick)
    const apolloOf = (p) => bareSets[p]?.find((b) => b.kind === 'apollo');
    const floorPerApollo = [...(result.stack?.apollo?.roundFloorPerYardstick ?? [])];

    const rows = [];
    for (const plan of plans.slice(1)) {
      const { scenario } = plan;
      log(`${label}: ${scenario.name} (${plan.variableSets.length} variable sets)`);
      const rot = rotation(scenario.query, plan.variableSets);
      const t = tally(options.sampleEvery);
      const floorHere = tally(options.sampleEvery);
      trackPeak();
      const reset = servers.map((s) => resetPeakRss(s.pid)).every(Boolean);
      let polledKb = 0;
      const poll = setInterval(() => (polledKb = Math.max(polledKb, largest('VmRSS'))), 100);
      for (const s of servers)
        await slice({
          url: s.url,
          rot,
          t: tally(),
          seconds: options.warmSeconds,
          connections: options.connections,
        });
      const ratios = [];
      const apolloRatios = [];
      for (let r = 0; r < options.rounds; r++) {
        const p = r % servers.length;
        const apollo = apolloOf(p);
        // with bare Apollo: floor, S, Apollo, then Apollo, S, floor (each pair close in time)
        const pair = apollo ? ['floor', 'scenario', 'apollo'] : ['floor', 'scenario'];
        const order = Math.floor(r / servers.length) % 2 === 0 ? pair : [...pair].reverse();
        const rps = {};
        for (const which of order) {
          const res = await slice({
            url: which === 'apollo' ? apollo.url : servers[p].url,
            rot: which === 'scenario' ? rot : floorRot,
            t: which === 'floor' ? floorHere : which === 'scenario' ? t : tally(),
            seconds: options.sliceSeconds,
            connections: options.connections,
          });
          rps[which] = res.requests.total / res.duration;
        }
        ratios.push(rps.floor > 0 ? rps.scenario / rps.floor : 0);
        if (apollo && rps.apollo > 0) {
          apolloRatios.push(rps.scenario / rps.apollo);
          floorPerApollo.push(rps.floor / rps.apollo);
        }
      }
      clearInterval(poll);
      const hwm = reset ? largest('VmHWM') : 0;
      trackPeak();
      mergeTally(floorAll, floorHere);
      const s = summarise(t);
      const f = summarise(floorHere);
      const errors = s.non2xx + s.transportErrors + s.graphqlErrors;
      if (errors > 0)
        log(
          `${label}: ${scenario.name} had ${errors} failed responses (${s.firstError ?? 'HTTP errors'}): its figures are not valid`,
        );
      rows.push({
        name: scenario.name,
        target: scenario.target,
        ...s,
        valid: errors === 0,
        floorRps: f.rps,
        // The median of the rounds' ratios: a burst of other work on the machine spoils one round, not the figure.
        ratio: median(ratios),
        ratioOfTotals: f.rps > 0 ? s.rps / f.rps : 0,
        roundRatios: ratios,
        // its throughput over bare Apollo's floor, round by round (the rounds' median)
        ...(apolloRatios.length
          ? { apolloShare: median(apolloRatios), roundApolloRatios: apolloRatios }
          : {}),
        peakRssMb: Math.max(hwm, polledKb) / 1024,
        check: plan.check,
      });
      if (scenario.name === 'nested' && result.nestedStatements)
        result.nestedStatements.underLoadMax = s.sql.max;
    }
    if (wantsWrite) {
      log(
        `${label}: write (${options.writes} writes alone, then reads with a write every ${options.writeIntervalMs} ms)`,
      );
      const readPlans = SCENARIOS.filter((s) => s.name !== 'floor').map((scenario) => ({
        scenario,
        variableSets: scenario.variables(ctx),
      }));
      trackPeak();
      result.write = await measureWrites({
        url: server.url,
        key,
        slugs: context.sectors,
        readPlans,
        rounds: options.rounds,
        sliceSeconds: options.sliceSeconds,
        connections: options.connections,
        writes: options.writes,
        intervalMs: options.writeIntervalMs,
        readRate: options.readRate,
      });
      trackPeak();
    }
    const floor = summarise(floorAll);
    const floorValid = floor.non2xx + floor.transportErrors + floor.graphqlErrors === 0;
    result.scenarios = [
      {
        name: 'floor',
        target: null,
        ...floor,
        valid: floorValid,
        floorRps: floor.rps,
        ratio: 1,
        peakRssMb: null,
        check: plans[0].check,
      },
      ...rows,
    ];
    // A scenario's share of a yardstick: its share of floor times floor's share of the yardstick,
    // both medians of rounds interleaved in this run. Bare Apollo's is measured directly: the
    // median of the scenario's throughput over Apollo's in its own rounds, and floor's over all
    // the rounds that measured both (the yardsticks' rounds and every scenario's).
    if (result.stack) {
      for (const row of result.scenarios) {
        row.shareOf = Object.fromEntries(
          Object.entries(result.stack).map(([kind, s]) => [kind, row.ratio * s.floorShare]),
        );
        if (row.name === 'floor' && floorPerApollo.length) {
          row.shareOf.apollo = median(floorPerApollo);
          row.pairedRounds = floorPerApollo.length;
        } else if (row.apolloShare != null) {
          row.shareOf.apollo = row.apolloShare;
          row.pairedRounds = row.roundApolloRatios.length;
        }
      }
    }
    trackPeak();
    result.peakRssMb = peakKb / 1024;
  } finally {
    for (const b of bareSets.flat()) await b.stop();
    for (const s of servers) await s.stop();
  }
  return result;
}

/**
 * Floor against the yardsticks (bench/bare/server.mjs): each round measures floor and every
 * yardstick once, in a rotating order; floor's share of each is the median over the rounds of
 * floor's throughput divided by the yardstick's in the same round.
 */
async function measureStack(servers, bareSets, floorRot, label) {
  log(`${label}: floor against ${options.bare.join(', ')}`);
  // one set of targets per process: floor's and its own yardsticks, taken in turn round by round
  const targetSets = servers.map((server, p) => [
    { kind: 'floor', url: server.url, pid: server.pid },
    ...bareSets[p],
  ]);
  const targets = targetSets[0];
  const bares = bareSets[0];
  for (const b of bareSets.flat()) {
    const check = await graphql(
      b.url,
      floorRot.bodies.length ? JSON.parse(floorRot.bodies[0]).query : '{ __typename }',
    );
    if (check.status !== 200 || check.body.errors)
      throw new Error(`bare ${b.kind} does not answer floor: ${JSON.stringify(check.body)}`);
    await slice({
      url: b.url,
      rot: floorRot,
      t: tally(),
      seconds: options.warmSeconds,
      connections: options.connections,
    });
  }
  const rps = Object.fromEntries(targets.map((t) => [t.kind, []]));
  // CPU time the server process spent per request: what other work on the machine hardly moves
  const cpu = Object.fromEntries(targets.map((t) => [t.kind, []]));
  for (let r = 0; r < options.rounds; r++) {
    const these = targetSets[r % targetSets.length];
    const order = these.map((_, i) => these[(i + r) % these.length]);
    for (const t of order) {
      const before = procCpuMs(t.pid);
      const res = await slice({
        url: t.url,
        rot: floorRot,
        t: tally(),
        seconds: options.sliceSeconds,
        connections: options.connections,
      });
      const after = procCpuMs(t.pid);
      rps[t.kind].push(res.requests.total / res.duration);
      if (before != null && after != null && res.requests.total > 0)
        cpu[t.kind].push((after - before) / res.requests.total);
    }
  }
  const cpuShare = (kind) =>
    cpu[kind].length && cpu.floor.length ? median(cpu[kind]) / median(cpu.floor) : null;
  return Object.fromEntries(
    bares.map((b) => {
      const floorPerYardstick = rps.floor.map((f, i) => f / rps[b.kind][i]);
      return [
        b.kind,
        {
          rps: median(rps[b.kind]),
          floorRps: median(rps.floor),
          floorShare: median(floorPerYardstick),
          roundRps: rps[b.kind],
          cpuMsPerRequest: cpu[b.kind].length ? median(cpu[b.kind]) : null,
          floorCpuMsPerRequest: cpu.floor.length ? median(cpu.floor) : null,
          // floor's share by CPU time per request: the yardstick's CPU per request over floor's
          floorCpuShare: cpuShare(b.kind),
          roundFloorPerYardstick: floorPerYardstick,
        },
      ];
    }),
  );
}

/** The yardsticks of bench/bare/server.mjs, started beside `server` (bare node:http answering floor's bytes). */
async function startBares(server, floorRot) {
  const floorBody = await (
    await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: floorRot.bodies[0],
    })
  ).text();
  const bares = [];
  try {
    for (const kind of options.bare)
      bares.push(
        await startBare({ root, kind, env: kind === 'http' ? { BARE_BODY: floorBody } : {} }),
      );
  } catch (err) {
    for (const b of bares) await b.stop();
    throw err;
  }
  return bares;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mergeTally(into, from) {
  for (const v of from.latencies) into.latencies.push(v);
  for (const v of from.sql) into.sql.push(v);
  for (const k of [
    'responses',
    'seconds',
    'non2xx',
    'transportErrors',
    'sampled',
    'cached',
    'graphqlErrors',
  ])
    into[k] += from[k];
  into.firstError ??= from.firstError;
}

/** Sends each variable set once; returns statement counts and refuses a scenario that errs. */
async function checkScenario(url, plan) {
  const counts = [];
  let nulls = 0;
  for (const variables of plan.variableSets) {
    const { status, body } = await graphql(url, plan.scenario.query, variables);
    if (status !== 200 || body.errors) {
      throw new Error(
        `${plan.scenario.name} fails for ${JSON.stringify(variables)}: HTTP ${status} ${JSON.stringify(body.errors ?? body).slice(0, 500)}`,
      );
    }
    const first = Object.values(body.data)[0];
    if (first === null || (Array.isArray(first) && first.length === 0)) nulls += 1;
    if (typeof body.extensions?.sqlStatements === 'number')
      counts.push(body.extensions.sqlStatements);
  }
  return {
    variableSets: plan.variableSets.length,
    emptyAnswers: nulls,
    sqlFirstPass: counts.length ? { min: Math.min(...counts), max: Math.max(...counts) } : null,
  };
}

/** SQL statements of the nested query for several page sizes, one request each. */
async function nestedByFirst(url) {
  const byFirst = [];
  for (const first of [1, 5, 20, 100]) {
    const { body } = await graphql(url, NESTED_QUERY, { first, after: null });
    if (body.errors)
      throw new Error(`nested with first ${first} failed: ${JSON.stringify(body.errors)}`);
    byFirst.push({
      first,
      statements: body.extensions?.sqlStatements ?? null,
      roles: body.data.roles.nodes.length,
    });
  }
  return { depth: selectionDepth(NESTED_QUERY), byFirst };
}

/**
 * Restarts the server under `--cpu-prof` on the already seeded database, loads one scenario for
 * a while, stops it (the profile is written at exit) and writes a summary of the profile.
 */
async function profileScenario({ scale, database, seeds }, scenarioName, work) {
  const dir = join(work, `profile-${scenarioName}-${scale}x`);
  mkdirSync(dir, { recursive: true });
  const server = await startServer({
    root,
    databaseUrl: database,
    seedsDir: seeds,
    env: { ...SERVER_ENV, ...CACHE_ENV.off },
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  log(`${scale}x: profiling ${scenarioName} for ${options.profileSeconds} s`);
  const rot = await scenarioRotation(server.url, scenarioNamed(scenarioName), root);
  const warm = 2;
  const loadStartedMs = Date.now();
  await slice({
    url: server.url,
    rot,
    t: tally(),
    seconds: warm,
    connections: options.connections,
  });
  const t = tally(options.sampleEvery);
  await slice({
    url: server.url,
    rot,
    t,
    seconds: options.profileSeconds,
    connections: options.connections,
  });
  await server.stop();
  await sleep(200);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile was written in ${dir}`);
  // Leave out start-up and warm-up: the profile's clock starts with the process.
  const skipMs = loadStartedMs - server.startedAt + warm * 1000;
  const summary = summariseProfile(join(dir, file), { skipMs });
  const s = summarise(t);
  const out = join(root, 'bench', 'profiles');
  mkdirSync(out, { recursive: true });
  const notes = [
    `\`node --cpu-prof\` of the production server (response cache off: HTTP_CACHE_MAX_AGE=0, search's kept answers off) on the ${scale}x graph under the \`${scenarioName}\` scenario ` +
      `(${options.connections} connections, ${options.profileSeconds} s after ${warm} s of warm-up; start-up and warm-up are left out). ` +
      `Under the profiler: ${s.rps.toFixed(0)} req/s, p99 ${s.p99Ms?.toFixed(1)} ms, SQL statements per request ${s.sql.mean?.toFixed(1) ?? '-'}.`,
    '',
    `Recorded ${new Date().toISOString()}; built at commit ${buildStamp}.`,
  ];
  writeFileSync(
    join(out, `${scenarioName}-${scale}x.md`),
    profileMarkdown(`CPU profile: ${scenarioName} at ${scale}x`, summary, notes, {
      requests: s.requests,
      sqlPerRequest: s.sql.mean,
    }),
  );
  const keepDir = opt('keep-profiles', null);
  if (keepDir) {
    mkdirSync(keepDir, { recursive: true });
    copyFileSync(join(dir, file), join(keepDir, `${scenarioName}-${scale}x.cpuprofile`));
  }
  log(`${scale}x: wrote bench/profiles/${scenarioName}-${scale}x.md`);
  return { name: `${scenarioName}-${scale}x`, rps: s.rps, requests: s.requests, summary };
}

/** bench/profiles/by-layer.md: this run's profiles in one table. */
function writeProfilesTable(profiled) {
  const notes = [
    `Recorded ${new Date().toISOString()} on ${os.cpus()[0]?.model.trim()} (${os.cpus().length} cores), built at commit ${buildStamp}; ` +
      `${options.connections} connections, ${options.profileSeconds} s a profile, response cache off.`,
  ];
  writeFileSync(
    join(root, 'bench', 'profiles', 'by-layer.md'),
    profilesTableMarkdown(profiled, notes),
  );
  log('wrote bench/profiles/by-layer.md');
}

main().catch((err) => {
  console.error(`bench failed: ${err.stack ?? err}`);
  process.exit(1);
});
