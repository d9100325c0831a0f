#!/usr/bin/env node
/**
 * `node bench/search-cpu.mjs <root> <database> [n] [--dump FILE]`: CPU time per search of the
 * in-process index of `<root>`'s build (dist/) over a seeded database (`sqlite:/path` or a
 * PostgreSQL URL), without HTTP or GraphQL: the `search` scenario's ten words and a few
 * multi-word queries, each asked for its first 10 hits with total and facets (the kept answers
 * are not involved: the index is asked directly). --dump writes every answer (hits with score
 * and tier, total, facets, matched words) as JSON, so two builds can be compared answer for answer.
 * Where the build has `searchExhaustive` (scoring every match, as every search did before the
 * one-word lists), it is timed too, in the same process.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const dumpAt = args.indexOf('--dump');
const dump = dumpAt >= 0 ? args.splice(dumpAt, 2)[1] : null;
const [rootArg, database, n = '3000'] = args;
const root = rootArg && resolve(rootArg);
if (!rootArg || !database) {
  console.error('usage: node bench/search-cpu.mjs <root> <database> [n] [--dump FILE]');
  process.exit(2);
}
const require = createRequire(join(root, 'package.json'));
require('reflect-metadata');
process.env.DATABASE_URL = database;
process.env.LOG_LEVEL = 'warn';
const { loadConfig } = require(join(root, 'dist/core/config.js'));
const { createDataSource } = require(join(root, 'dist/app/data-source.js'));
const { loadDocuments } = require(join(root, 'dist/modules/search/documents.js'));
const { SearchIndex } = require(join(root, 'dist/modules/search/search-engine.js'));
const { queryTerms } = require(join(root, 'dist/modules/search/search.service.js'));
const { SEARCH_WORDS } = await import('./scenarios.mjs');

/** Beside the scenario's words: phrases, several words, typos and a type filter. */
const MORE = [
  ['engineering manager'],
  ['fintech payments'],
  ['cloud security engineer'],
  ['postgress'],
  ['kubernets'],
  ['data', ['Skill', 'Role']],
  ['senior software developer salary'],
  ['common mistakes juniors make'],
];
const queries = [...SEARCH_WORDS.map((q) => [q]), ...MORE];

const db = createDataSource(loadConfig().database);
await db.initialize();
const started = process.cpuUsage();
const index = await SearchIndex.build(await loadDocuments(db));
const built = process.cpuUsage(started);
const ask = ([text, types], limit = 10) => index.search(queryTerms(text), { limit, types });

const answers = queries.map(([text, types]) => {
  const r = ask([text, types]);
  return {
    query: text,
    types: types ?? null,
    total: r.total,
    facets: r.facets,
    words: r.words.map((w) => w.shown),
    hits: r.hits.map((h) => ({
      key: h.key,
      score: h.score,
      tier: h.tier,
      matched: h.matched.map((m) => m.shown),
    })),
  };
});
if (dump) writeFileSync(dump, JSON.stringify({ docs: index.size, answers }, null, 1));

const time = (list, run = ask) => {
  for (let i = 0; i < 300; i++) run(list[i % list.length]);
  const t = process.cpuUsage();
  for (let i = 0; i < Number(n); i++) run(list[i % list.length]);
  const d = process.cpuUsage(t);
  return (d.user + d.system) / Number(n);
};
const scan = ([text, types], limit = 10) =>
  index.searchExhaustive(queryTerms(text), { limit, types });
const rounds = [];
for (let r = 0; r < 3; r++) {
  const words = time(SEARCH_WORDS.map((q) => [q]));
  const more = time(MORE);
  const scanned = index.searchExhaustive
    ? time(
        SEARCH_WORDS.map((q) => [q]),
        scan,
      )
    : null;
  rounds.push(
    `scenario words ${words.toFixed(1)}, other queries ${more.toFixed(1)}` +
      (scanned === null ? '' : `, scenario words scoring every match ${scanned.toFixed(1)}`),
  );
}
console.log(
  `${root} on ${database}: ${index.size} documents, built in ${((built.user + built.system) / 1000).toFixed(0)} CPU ms; ` +
    `CPU µs per search, 3 rounds: ${rounds.join(' | ')}`,
);
await db.destroy();
process.exit(0);
