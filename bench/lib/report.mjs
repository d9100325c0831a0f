/**
 * The targets of the benchmark (issue 6) checked against a run, and the run as Markdown.
 */

const RSS_LIMIT_MB = { 1: 250, 100: 600 };
const P99_GROWTH_LIMIT = 2;
/** Issue 17: a single-record write at 100x under 50 ms p50; reads alongside writes within 2x of their p99 alone. */
const WRITE_P50_LIMIT_MS = { 100: 50 };
const READ_P99_UNDER_WRITES_LIMIT = 2;

/** Evaluates the targets a run can speak to; each entry says what was measured and whether it holds. */
export function checkTargets(results) {
  const out = [];
  for (const s of results.runs) {
    const where = { scale: `${s.scale}x`, cache: s.cache };
    for (const row of s.scenarios) {
      if (row.target == null) continue;
      const valid = row.valid !== false;
      out.push({
        target: `${row.name} throughput ≥ ${Math.round(row.target * 100)}% of floor`,
        ...where,
        measured: valid ? `${(row.ratio * 100).toFixed(0)}%` : 'not valid: responses failed',
        holds: valid && row.ratio >= row.target,
      });
    }
    if (s.nestedStatements && s.cache === 'off') {
      const worst = Math.max(
        ...s.nestedStatements.byFirst.map((x) => x.statements ?? Infinity),
        s.nestedStatements.underLoadMax ?? 0,
      );
      out.push({
        target: `nested SQL statements per request ≤ its depth (${s.nestedStatements.depth}), whatever first is`,
        ...where,
        measured: `${worst} (first ${s.nestedStatements.byFirst.map((x) => `${x.first}: ${x.statements}`).join(', ')})`,
        holds: worst <= s.nestedStatements.depth,
      });
    }
    if (s.write) out.push(...writeTargets(s, where));
    const limit = RSS_LIMIT_MB[s.scale];
    if (limit)
      out.push({
        target: `peak RSS under load < ${limit} MB`,
        ...where,
        measured: `${s.peakRssMb.toFixed(0)} MB`,
        holds: s.peakRssMb < limit,
      });
  }
  out.push(...stackTargets(results));
  for (const cache of [...new Set(results.runs.map((r) => r.cache))]) {
    const first = results.runs.find((s) => s.scale === 1 && s.cache === cache);
    const last = results.runs.find((s) => s.scale === 100 && s.cache === cache);
    if (!first || !last) continue;
    for (const row of first.scenarios) {
      const other = last.scenarios.find((r) => r.name === row.name);
      if (!other || row.p99Ms == null || other.p99Ms == null) continue;
      const growth = other.p99Ms / row.p99Ms;
      if (row.valid === false || other.valid === false) {
        out.push({
          target: `${row.name} p99 grows < ${P99_GROWTH_LIMIT}x from 1x to 100x`,
          scale: '1x→100x',
          cache,
          measured: 'not valid: responses failed',
          holds: false,
        });
        continue;
      }
      out.push({
        target: `${row.name} p99 grows < ${P99_GROWTH_LIMIT}x from 1x to 100x`,
        scale: '1x→100x',
        cache,
        measured: `${growth.toFixed(2)}x (${row.p99Ms.toFixed(1)} → ${other.p99Ms.toFixed(1)} ms)`,
        holds: growth < P99_GROWTH_LIMIT,
      });
    }
  }
  return out;
}

function writeTargets(s, where) {
  const w = s.write;
  const out = [];
  const writeLimit = WRITE_P50_LIMIT_MS[s.scale];
  if (writeLimit) {
    out.push({
      target: `single-record write p50 < ${writeLimit} ms`,
      ...where,
      measured: `${f1(w.writesAlone.p50Ms)} ms (p99 ${f1(w.writesAlone.p99Ms)})${w.failedWrites ? `, ${w.failedWrites} writes refused` : ''}`,
      holds: w.writesAlone.p50Ms < writeLimit && !w.failedWrites,
    });
  }
  const valid = w.readsAlone.errors === 0 && w.readsWithWrites.errors === 0;
  out.push({
    target: `read p99 during a steady write stream ≤ ${READ_P99_UNDER_WRITES_LIMIT}x reads alone`,
    ...where,
    measured: valid
      ? `${w.readP99Ratio.toFixed(2)}x (${f1(w.readsAlone.p99Ms)} → ${f1(w.readsWithWrites.p99Ms)} ms)`
      : 'not valid: responses failed',
    holds: valid && w.readP99Ratio <= READ_P99_UNDER_WRITES_LIMIT,
  });
  return out;
}

/** The `write` scenario's figures of every run, as Markdown. */
function writeMarkdown(results) {
  const runs = results.runs.filter((s) => s.write);
  if (!runs.length) return [];
  const w0 = runs[0].write;
  return [
    '## `write`: single-record curation writes, and reads alongside',
    '',
    `A sector's description changed through \`sectorUpdate\` with an editor key, over the real graph's sectors in turn. "alone": ${w0.writesAlone.writes} writes one after another, nothing else running; ` +
      `"under load": a write every ${w0.intervalMs} ms (or back to back when slower) while the reads run. Reads: ${w0.readScenarios.join(', ')} mixed request by request at ${w0.readRate} requests/s, in slices alternating with the same reads without writes.`,
    '',
    row([
      'scale',
      'cache',
      'write p50 ms',
      'write p99 ms',
      'write max ms',
      'writes under load p50 / p99 ms',
      'read p99 alone ms',
      'read p99 with writes ms',
      'ratio',
      'read max with writes ms',
      'errors',
    ]),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...runs.map((s) => {
      const w = s.write;
      return row([
        `${s.scale}x`,
        s.cache,
        f1(w.writesAlone.p50Ms),
        f1(w.writesAlone.p99Ms),
        f1(w.writesAlone.maxMs),
        `${f1(w.writesUnderLoad.p50Ms)} / ${f1(w.writesUnderLoad.p99Ms)} (${w.writesUnderLoad.writes})`,
        f1(w.readsAlone.p99Ms),
        f1(w.readsWithWrites.p99Ms),
        w.readP99Ratio == null ? '-' : `${w.readP99Ratio.toFixed(2)}x`,
        f1(w.readsWithWrites.maxMs),
        `${w.readsAlone.errors + w.readsWithWrites.errors}${w.failedWrites ? `; ${w.failedWrites} writes refused (${w.firstWriteFailure.slice(0, 80)})` : ''}`,
      ]);
    }),
    '',
  ];
}

/**
 * Issue 20: what careergraph adds around Apollo. Against a bare Apollo Server 5 answering
 * `{ __typename }` in the same run: floor ≥ 90%; with the response cache off, lookup, path, gap
 * and search ≥ 50% and nested ≥ 30%; with it on, every scenario ≥ 80%.
 */
export const STACK_TARGETS = {
  off: { floor: 0.9, lookup: 0.5, path: 0.5, gap: 0.5, search: 0.5, nested: 0.3 },
  on: { floor: 0.8, lookup: 0.8, path: 0.8, gap: 0.8, search: 0.8, nested: 0.8 },
};

function stackTargets(results) {
  const out = [];
  for (const s of results.runs) {
    if (!s.stack?.apollo) continue;
    for (const row of s.scenarios) {
      const target = row.name === 'floor' ? 0.9 : STACK_TARGETS[s.cache]?.[row.name];
      if (target == null || !row.shareOf) continue;
      const valid = row.valid !== false;
      out.push({
        target: `${row.name} throughput ≥ ${Math.round(target * 100)}% of bare Apollo's floor`,
        scale: `${s.scale}x`,
        cache: s.cache,
        measured: valid
          ? `${(row.shareOf.apollo * 100).toFixed(0)}%`
          : 'not valid: responses failed',
        holds: valid && row.shareOf.apollo >= target,
      });
    }
  }
  return out;
}

const KIND_TITLES = {
  http: 'bare node:http',
  apollo: 'bare Apollo Server 5',
  'apollo-schema': 'bare Apollo, our schema',
};

/** The yardsticks of a run, and every scenario as a share of each. */
function stackMarkdown(s) {
  if (!s.stack) return [];
  const kinds = Object.keys(s.stack);
  return [
    `Beside floor in the same run (bench/bare/server.mjs, \`{ __typename }\`, medians of ${s.stack[kinds[0]].roundRps.length} rounds): ` +
      kinds
        .map(
          (k) =>
            `${KIND_TITLES[k] ?? k} ${s.stack[k].rps.toFixed(0)} req/s (floor ${(s.stack[k].floorShare * 100).toFixed(1)}% of it)`,
        )
        .join('; ') +
      '.',
    '',
    ...(s.stack[kinds[0]].floorCpuMsPerRequest != null
      ? [
          `Server CPU time per \`{ __typename }\` request (user + system, from /proc; other work on the machine moves it far less than throughput): ` +
            `careergraph ${s.stack[kinds[0]].floorCpuMsPerRequest.toFixed(3)} ms; ` +
            kinds
              .map(
                (k) =>
                  `${KIND_TITLES[k] ?? k} ${s.stack[k].cpuMsPerRequest?.toFixed(3)} ms (floor at ${((s.stack[k].floorCpuShare ?? 0) * 100).toFixed(1)}% of its speed)`,
              )
              .join('; ') +
            '.',
          '',
        ]
      : []),
    ...(s.scenarios.some((r) => r.pairedRounds)
      ? [
          'Bare Apollo Server 5 is also measured in every round of every scenario (floor, scenario, Apollo, then the reverse), so its column is ' +
            "direct: the median over the scenario's rounds of its throughput divided by Apollo's in the same round (floor's: over the " +
            `${s.scenarios[0].pairedRounds ?? 0} rounds that measured both). The other columns are the scenario's share of floor times floor's share of the yardstick.`,
          '',
        ]
      : []),
    row(['scenario', ...kinds.map((k) => `share of ${KIND_TITLES[k] ?? k}`)]),
    row(['---', ...kinds.map(() => '---:')]),
    ...s.scenarios.map((r) =>
      row([r.name, ...kinds.map((k) => (r.shareOf ? `${(r.shareOf[k] * 100).toFixed(1)}%` : '-'))]),
    ),
    '',
  ];
}

/** The cache modes of a run, data path first, with a heading each. */
export const CACHE_TITLES = {
  off: 'Data path (response cache off: HTTP_CACHE_MAX_AGE=0, every request runs the resolvers; search keeps no answers: BENCH_LAYERS_OFF=search-answers)',
  on: "As configured (response cache on: repeated queries answered from Apollo's response cache)",
};
const modes = (results) => ['off', 'on'].filter((c) => results.runs.some((r) => r.cache === c));

const f1 = (v) => (v == null ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const row = (cells) => `| ${cells.join(' | ')} |`;

function sqlCell(sql) {
  if (!sql || sql.sampled === 0) return '-';
  if (sql.mean == null) return `- (${sql.withoutCount} cached)`;
  const range =
    sql.min === sql.max ? `${sql.min}` : `${sql.mean.toFixed(1)} (${sql.min}–${sql.max})`;
  return sql.withoutCount ? `${range}, ${sql.withoutCount}/${sql.sampled} uncounted` : range;
}

/** The whole run as Markdown: per-scale tables, growth, targets, nested statements by `first`. */
export function resultsMarkdown(results) {
  const m = results.meta;
  const lines = [
    `# careergraph benchmark (${m.mode} run)`,
    '',
    `${m.date} · ${m.cpu}, ${m.cores} cores · Node ${m.node} · commit ${m.commit}${m.dirty ? ' (with uncommitted changes)' : ''} · took ${Math.round(m.durationSeconds)} s` +
      (m.loadAverage
        ? ` · load average ${m.loadAverage.atStart.toFixed(1)} at start, ${m.loadAverage.atEnd.toFixed(1)} at end`
        : ''),
    '',
    `Production build on loopback, autocannon in one worker with ${m.options.connections} connections. Each scenario is measured in ` +
      `${m.options.rounds} rounds of ${m.options.sliceSeconds} s interleaved with \`floor\` (ABBA order) after ${m.options.warmSeconds} s of warm-up; ` +
      `"% of floor" is the median over the rounds of its throughput divided by floor's in the same round. Variables rotate request by request. ` +
      `SQL/request is \`extensions.sqlStatements\` from one response in ${m.options.sampleEvery}; peak RSS is the server's VmHWM during the scenario.`,
    '',
  ];
  for (const cache of modes(results)) {
    const runs = results.runs.filter((r) => r.cache === cache);
    lines.push(`## ${CACHE_TITLES[cache]}`, '');
    for (const s of runs) {
      const c = s.counts ?? {};
      lines.push(
        `### ${s.scale}x graph, cache ${cache}`,
        '',
        `${c.roles} roles, ${c.levels} levels, ${c.transitions} transitions, ${c.skills} skills, ${c.employers} employers, ${c.salaryBands} salary bands, ${c.citations} citations; ` +
          `seeded in ${(s.seedMs / 1000).toFixed(1)} s, server ready in ${(s.readyMs / 1000).toFixed(1)} s; peak RSS under load ${s.peakRssMb.toFixed(0)} MB.`,
        '',
        row([
          'scenario',
          'req/s',
          '% of floor (target)',
          'p50 ms',
          'p99 ms',
          'SQL/request',
          'peak RSS MB',
          'errors',
        ]),
        row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
        ...s.scenarios.map((r) =>
          row([
            r.name,
            r.rps.toFixed(0),
            r.valid === false
              ? 'not valid'
              : r.name === 'floor'
                ? '100%'
                : `${(r.ratio * 100).toFixed(0)}% (${Math.round(r.target * 100)}%)${r.ratio >= r.target ? '' : ' ✗'}`,
            f1(r.p50Ms),
            f1(r.p99Ms),
            sqlCell(r.sql),
            r.peakRssMb == null ? '-' : r.peakRssMb.toFixed(0),
            String(r.non2xx + r.transportErrors + r.graphqlErrors) +
              (r.firstError ? ` (${r.firstError.slice(0, 60)})` : ''),
          ]),
        ),
        '',
        ...stackMarkdown(s),
      );
    }
    if (runs.length > 1) {
      const names = runs[0].scenarios.map((r) => r.name);
      lines.push(
        `### Growth with the graph, cache ${cache} (${runs[0].scale}x → ${runs[runs.length - 1].scale}x)`,
        '',
        row([
          'scenario',
          ...runs.map((s) => `p99 ${s.scale}x`),
          'p99 growth',
          ...runs.map((s) => `req/s ${s.scale}x`),
          'throughput change',
        ]),
        row(['---', ...runs.map(() => '---:'), '---:', ...runs.map(() => '---:'), '---:']),
        ...names.map((name) => {
          const rows = runs.map((s) => s.scenarios.find((r) => r.name === name));
          const a = rows[0];
          const b = rows[rows.length - 1];
          return row([
            name,
            ...rows.map((r) => f1(r?.p99Ms)),
            a && b ? `${(b.p99Ms / a.p99Ms).toFixed(2)}x` : '-',
            ...rows.map((r) => (r ? r.rps.toFixed(0) : '-')),
            a && b ? `${((b.rps / a.rps - 1) * 100).toFixed(0)}%` : '-',
          ]);
        }),
        '',
      );
    }
  }
  const withNested = results.runs.filter((s) => s.nestedStatements && s.cache === 'off');
  if (withNested.length) {
    const firsts = withNested[0].nestedStatements.byFirst.map((x) => x.first);
    lines.push(
      '## `nested`: SQL statements per request by page size (cache off)',
      '',
      `One request each, before the load. Depth of the query (levels of fields with a selection set): ${withNested[0].nestedStatements.depth}.`,
      '',
      row(['scale', ...firsts.map((f) => `first: ${f}`), 'under load (max sampled)']),
      row(['---', ...firsts.map(() => '---:'), '---:']),
      ...withNested.map((s) =>
        row([
          `${s.scale}x`,
          ...s.nestedStatements.byFirst.map((x) => String(x.statements ?? '-')),
          String(s.nestedStatements.underLoadMax ?? '-'),
        ]),
      ),
      '',
    );
  }
  lines.push(...writeMarkdown(results));
  lines.push(
    '## Targets',
    '',
    row(['target', 'scale', 'cache', 'measured', 'holds']),
    row(['---', '---', '---', '---', '---']),
  );
  for (const t of results.targets)
    lines.push(row([t.target, t.scale, t.cache, t.measured, t.holds ? 'yes' : '**no**']));
  lines.push('');
  return lines.join('\n');
}

/** A compact table for the terminal. */
export function consoleTable(results) {
  const lines = [];
  for (const s of results.runs) {
    lines.push(
      `\n${s.scale}x graph, response cache ${s.cache} (peak RSS under load ${s.peakRssMb.toFixed(0)} MB)`,
    );
    const kinds = Object.keys(s.stack ?? {});
    if (kinds.length) {
      lines.push(
        `yardsticks (req/s): ${kinds.map((k) => `${k} ${s.stack[k].rps.toFixed(0)}`).join(', ')}; floor ${s.stack[kinds[0]].floorRps.toFixed(0)}`,
      );
      lines.push(
        `CPU ms/request: floor ${s.stack[kinds[0]].floorCpuMsPerRequest?.toFixed(3)}, ${kinds.map((k) => `${k} ${s.stack[k].cpuMsPerRequest?.toFixed(3)} (floor at ${((s.stack[k].floorCpuShare ?? 0) * 100).toFixed(0)}%)`).join(', ')}`,
      );
    }
    lines.push(
      `${'scenario'.padEnd(9)} ${'req/s'.padStart(8)} ${'% floor'.padStart(8)} ${'target'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'SQL/req'.padStart(9)} ${'RSS MB'.padStart(7)} ${'errors'.padStart(6)}${kinds.map((k) => `% ${k}`.padStart(16)).join('')}`,
    );
    for (const r of s.scenarios) {
      lines.push(
        `${r.name.padEnd(9)} ${r.rps.toFixed(0).padStart(8)} ${`${(r.ratio * 100).toFixed(0)}%`.padStart(8)} ${(r.target == null ? '' : `${Math.round(r.target * 100)}%`).padStart(7)} ` +
          `${f1(r.p50Ms).padStart(8)} ${f1(r.p99Ms).padStart(8)} ${(r.sql?.mean == null ? '-' : r.sql.mean.toFixed(1)).padStart(9)} ` +
          `${(r.peakRssMb == null ? '-' : r.peakRssMb.toFixed(0)).padStart(7)} ${String(r.non2xx + r.transportErrors + r.graphqlErrors).padStart(6)}` +
          kinds
            .map((k) => (r.shareOf ? `${(r.shareOf[k] * 100).toFixed(1)}%` : '-').padStart(16))
            .join(''),
      );
    }
  }
  for (const s of results.runs.filter((x) => x.write)) {
    const w = s.write;
    lines.push(
      `\nwrite, ${s.scale}x, cache ${s.cache}${w.failedWrites ? ` (${w.failedWrites} writes refused)` : ''}: write p50 ${f1(w.writesAlone.p50Ms)} ms, p99 ${f1(w.writesAlone.p99Ms)} ms (${w.writesAlone.writes} alone); ` +
        `read p99 ${f1(w.readsAlone.p99Ms)} ms alone, ${f1(w.readsWithWrites.p99Ms)} ms with a write every ${w.intervalMs} ms (${w.writesUnderLoad.writes} writes, p50 ${f1(w.writesUnderLoad.p50Ms)} ms)`,
    );
  }
  lines.push('\ntargets:');
  for (const t of results.targets)
    lines.push(
      `  ${t.holds ? 'ok  ' : 'FAIL'} [${t.scale}, cache ${t.cache}] ${t.target}: ${t.measured}`,
    );
  return lines.join('\n');
}
