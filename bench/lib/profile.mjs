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
    files: ranked(files, 15),
    self: ranked(self, 25),
    inclusive: ranked(inclusive, 30),
  };
}

/** A Markdown page for one profile summary. */
export function profileMarkdown(title, s, notes = []) {
  const pct = (ms, of) => (of > 0 ? `${((100 * ms) / of).toFixed(1)}%` : '-');
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const lines = [
    `# ${title}`,
    '',
    ...notes,
    '',
    `Window: ${(s.windowMs / 1000).toFixed(1)} s of main-thread time after warm-up; busy ${(s.busyMs / 1000).toFixed(1)} s ` +
      `(${pct(s.busyMs, s.windowMs)}), idle ${pct(s.idleMs, s.windowMs)} (the event loop waiting with nothing to run), ` +
      `garbage collection ${pct(s.gcMs, s.busyMs)} and \`(program)\` ${pct(s.programMs, s.busyMs)} of busy time.`,
    '',
    '`(program)` is main-thread time outside JavaScript. Here it is mostly SQLite: one statement waiting in the thread pool shows as idle, ' +
      'but several statements at once on the one node-sqlite3 connection show as `(program)` on the main thread ' +
      '(checked with six concurrent long queries on one connection: 2.7 s of `(program)`, 0.5 s idle; one long query alone: all idle). ' +
      'The event loop is then stalled on the connection and cannot serve other requests.',
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  const skipIndex = process.argv.indexOf('--skip-ms');
  const skipMs = skipIndex > -1 ? Number(process.argv[skipIndex + 1]) : 0;
  console.log(profileMarkdown(file, summariseProfile(file, { skipMs })));
}
