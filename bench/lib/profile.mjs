/**
 * Summaries of V8 CPU profiles (`node --cpu-prof`): where the main thread's time goes, by
 * package, by function (self time) and by call-tree subtree (inclusive time).
 *
 * Usage as a script: `node bench/lib/profile.mjs FILE.cpuprofile [--skip-ms N]`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const SPECIAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** The package or area a script URL belongs to: an npm package, our code, or Node itself. */
export function areaOf(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node (core)';
  const mod = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (mod) return mod[mod.length - 1].replace('node_modules/', '');
  const ours = url.match(/\/dist\/(.*?)(?:\.js)?$/);
  if (ours) return `careergraph: ${ours[1].split('/').slice(0, 2).join('/')}`;
  return url.replace(/^file:\/\//, '');
}

/**
 * The layer a sample's own time belongs to, in terms a reader can act on: the kernel's socket
 * writes and the answer's JSON are split out of V8's and our code's, because they grow with the
 * answer rather than with the work behind it.
 */
export function layerOf(key, functionName, url) {
  if (key === '(garbage collector)') return 'garbage collection';
  if (key === '(program)') return '(program)';
  if (!url && functionName === 'writev') return 'socket writes (writev)';
  if (url.endsWith('/dist/core/http/answer-body.js')) return 'answer JSON';
  const area = areaOf(url);
  if (area === '(native / V8)') return 'V8 and native, other';
  if (area === 'node (core)') return 'Node core';
  if (area.startsWith('@apollo/') || area.startsWith('@as-integrations/')) return 'Apollo';
  if (['graphql', 'graphql-jit', 'type-graphql'].includes(area))
    return 'graphql, graphql-jit, type-graphql';
  if (area.startsWith('careergraph: modules/')) return 'careergraph: features';
  if (area.startsWith('careergraph: ')) return 'careergraph: core and app';
  return 'other packages';
}

/** The layers in the order tables show them. */
export const LAYERS = [
  'socket writes (writev)',
  'Node core',
  'Apollo',
  'answer JSON',
  'graphql, graphql-jit, type-graphql',
  'careergraph: core and app',
  'careergraph: features',
  'other packages',
  'V8 and native, other',
  'garbage collection',
  '(program)',
];

/** A Markdown table row. */
const row = (cells) => `| ${cells.join(' | ')} |`;
/** µs a request of `ms` over `requests`, or '-' when the count is not known. */
const usEach = (ms, requests) => (requests > 0 ? ((1000 * ms) / requests).toFixed(1) : '-');

function shortUrl(url) {
  if (!url) return '';
  const mod = url.lastIndexOf('node_modules/');
  if (mod > -1) return url.slice(mod + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  if (dist > -1) return url.slice(dist + 1);
  return url.replace(/^file:\/\//, '');
}

/**
 * Reads a profile and aggregates the samples taken after `skipMs` (start-up is left out).
 * Returns totals in milliseconds and ranked lists.
 */
export function summariseProfile(path, { skipMs = 0 } = {}) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n) => {
    const f = n.callFrame;
    const name = f.functionName || '(anonymous)';
    if (SPECIAL.has(name)) return name;
    return `${name} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
  };

  const self = new Map();
  const inclusive = new Map();
  const areas = new Map();
  const layers = new Map();
  const files = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  let t = profile.startTime;
  let total = 0;
  let idle = 0;
  let gc = 0;
  let program = 0;
  const samples = profile.samples;
  const deltas = profile.timeDeltas;
  const meanDelta = (profile.endTime - profile.startTime) / Math.max(1, samples.length);
  for (let i = 0; i < samples.length; i++) {
    t += deltas[i];
    if (t - profile.startTime < skipMs * 1000) continue;
    const ms = (deltas[i + 1] ?? meanDelta) / 1000;
    const leaf = byId.get(samples[i]);
    const leafKey = keyOf(leaf);
    total += ms;
    if (leafKey === '(idle)') {
      idle += ms;
      continue;
    }
    if (leafKey === '(garbage collector)') gc += ms;
    if (leafKey === '(program)') program += ms;
    add(self, leafKey, ms);
    add(areas, SPECIAL.has(leafKey) ? leafKey : areaOf(leaf.callFrame.url), ms);
    add(layers, layerOf(leafKey, leaf.callFrame.functionName, leaf.callFrame.url), ms);
    if (!SPECIAL.has(leafKey)) add(files, shortUrl(leaf.callFrame.url) || '(native / V8)', ms);
    const seen = new Set();
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const key = keyOf(byId.get(id));
      if (key === '(root)' || seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, ms);
    }
  }
  const ranked = (map, n) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, ms]) => ({ key, ms }));
  return {
    windowMs: total,
    busyMs: total - idle,
    idleMs: idle,
    gcMs: gc,
    programMs: program,
    areas: ranked(areas, 15),
    layers: Object.fromEntries(LAYERS.map((l) => [l, layers.get(l) ?? 0])),
    files: ranked(files, 15),
    self: ranked(self, 25),
    inclusive: ranked(inclusive, 30),
  };
}

/**
 * A Markdown page for one profile summary. `requests` (served during the window) adds time per
 * request; `sqlPerRequest` says whether SQLite could be behind `(program)`.
 */
export function profileMarkdown(title, s, notes = [], { requests, sqlPerRequest } = {}) {
  const pct = (ms, of) => (of > 0 ? `${((100 * ms) / of).toFixed(1)}%` : '-');
  const perRequest = (ms) => usEach(ms, requests);
  const program =
    sqlPerRequest === 0
      ? 'No SQL ran under load, so `(program)` (main-thread time outside JavaScript) is V8 and Node at work with no JavaScript on the stack.'
      : '`(program)` is main-thread time outside JavaScript. When requests run SQL it is mostly SQLite: one statement waiting in the thread pool shows as idle, ' +
        'but several statements at once on the one node-sqlite3 connection show as `(program)` on the main thread ' +
        '(checked with six concurrent long queries on one connection: 2.7 s of `(program)`, 0.5 s idle; one long query alone: all idle). ' +
        'The event loop is then stalled on the connection and cannot serve other requests.';
  const lines = [
    `# ${title}`,
    '',
    ...notes,
    '',
    `Window: ${(s.windowMs / 1000).toFixed(1)} s of main-thread time after warm-up; busy ${(s.busyMs / 1000).toFixed(1)} s ` +
      `(${pct(s.busyMs, s.windowMs)}), idle ${pct(s.idleMs, s.windowMs)} (the event loop waiting with nothing to run), ` +
      `garbage collection ${pct(s.gcMs, s.busyMs)} and \`(program)\` ${pct(s.programMs, s.busyMs)} of busy time` +
      (requests > 0 ? `; ${perRequest(s.busyMs)} µs busy a request (${requests} requests).` : '.'),
    '',
    program,
    '',
    '## Busy time by layer (self time)',
    '',
    row(['layer', 'ms', 'share of busy', 'µs a request']),
    row(['---', '---:', '---:', '---:']),
    ...LAYERS.map((l) =>
      row([l, s.layers[l].toFixed(0), pct(s.layers[l], s.busyMs), perRequest(s.layers[l])]),
    ),
    '',
    '## Busy time by package (self time)',
    '',
    row(['package / area', 'ms', 'share of busy']),
    row(['---', '---:', '---:']),
    ...s.areas.map((a) => row([a.key, a.ms.toFixed(0), pct(a.ms, s.busyMs)])),
    '',
    '## Busy time by file (self time, JavaScript only)',
    '',
    row(['file', 'ms', 'share of busy']),
    row(['---', '---:', '---:']),
    ...s.files.map((f) => row([`\`${f.key}\``, f.ms.toFixed(0), pct(f.ms, s.busyMs)])),
    '',
    '## Top functions by self time',
    '',
    row(['function (file:line)', 'ms', 'share of busy']),
    row(['---', '---:', '---:']),
    ...s.self.map((f) => row([`\`${f.key}\``, f.ms.toFixed(0), pct(f.ms, s.busyMs)])),
    '',
    '## Top functions by inclusive time (the function and everything it called)',
    '',
    row(['function (file:line)', 'ms', 'share of busy']),
    row(['---', '---:', '---:']),
    ...s.inclusive.map((f) => row([`\`${f.key}\``, f.ms.toFixed(0), pct(f.ms, s.busyMs)])),
    '',
  ];
  return lines.join('\n');
}

/**
 * One table for the profiles of a run: for each, µs of main-thread busy time a request, in all
 * and by layer (`profiled`: `{ name, rps, requests, summary }` each).
 */
export function profilesTableMarkdown(profiled, notes = []) {
  return [
    "# Where a request's time goes: the profiles side by side",
    '',
    ...notes,
    '',
    'Main-thread busy time a request (µs, self time) under `node --cpu-prof`, by layer (see',
    '`layerOf` in bench/lib/profile.mjs). The profiler slows the server: compare rows and layers, not',
    "these req/s with the benchmark's.",
    '',
    row(['profile', 'req/s', 'busy', ...LAYERS]),
    row(['---', ...Array(LAYERS.length + 2).fill('---:')]),
    ...profiled.map(({ name, rps, requests, summary }) =>
      row([
        name,
        rps.toFixed(0),
        usEach(summary.busyMs, requests),
        ...LAYERS.map((l) => usEach(summary.layers[l], requests)),
      ]),
    ),
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  const skipIndex = process.argv.indexOf('--skip-ms');
  const skipMs = skipIndex > -1 ? Number(process.argv[skipIndex + 1]) : 0;
  console.log(profileMarkdown(file, summariseProfile(file, { skipMs })));
}
