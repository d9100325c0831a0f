import { SearchDoc } from '../../src/modules/search/documents';
import { EngineResult, SearchIndex } from '../../src/modules/search/search-engine';
import { queryTerms, queryWords, searchIndexOf } from '../../src/modules/search/search.service';
import { TestServer } from '../support/server';
import judgements from '../search-eval/judgements.json';

/** What a user sees of an answer: hits in order with score, tier and matched words, total, facets, corrections. */
const seen = (r: EngineResult) => ({
  hits: r.hits.map((h) => [h.key, h.score, h.tier, h.matched.map((m) => m.shown)]),
  total: r.total,
  facets: r.facets,
  words: r.words.map((w) => [w.shown, w.typo]),
});

/** One-word queries from the judged set: each word, its first letters (a prefix), and a typo of it. */
function oneWordQueries(): string[] {
  const words = new Set<string>();
  for (const { query } of judgements.queries) for (const w of queryWords(query)) words.add(w);
  const out = new Set<string>(['a', 'go', 'ai', 'data', 'dev', 'eng', 'secu', 'xyzzy']);
  for (const w of words) {
    out.add(w);
    if (w.length > 4) out.add(w.slice(0, 3)).add(w.slice(0, 5));
    if (w.length >= 5) out.add(w.slice(0, 2) + w[3] + w[2] + w.slice(4)); // two letters swapped
  }
  return [...out];
}

/**
 * A graph like the benchmark's synthetic ones: every document again under `copies` industry
 * names, so that many documents score alike and ties are settled by key.
 */
function multiplied(docs: SearchDoc[], copies: string[]): SearchDoc[] {
  return [
    ...docs,
    ...copies.flatMap((copy) =>
      docs.map((d) => ({
        ...d,
        key: `${d.nodeType}:${copy}-${d.slug}`,
        slug: `${copy}-${d.slug}`,
        name: `${copy} ${d.name}`,
        aliases: d.aliases.map((a) => `${copy} ${a}`),
      })),
    ),
  ];
}

/** Fails with the first query whose answer read from the lists in score order differs from scoring every match. */
function expectSameAnswers(index: SearchIndex, queries: string[]): void {
  const before = SearchIndex.scanBelow;
  SearchIndex.scanBelow = 0;
  const scans = jest.spyOn(
    SearchIndex.prototype as unknown as { scan: () => EngineResult },
    'scan',
  );
  let searches = 0;
  try {
    for (const query of queries)
      for (const limit of [0, 1, 3, 10, 40]) {
        const words = queryTerms(query);
        if (!words.length) continue;
        const options = { limit };
        scans.mockClear();
        const found = seen(index.search(words, options));
        if (!scans.mock.calls.length) searches++;
        expect({ query, limit, ...found }).toEqual({
          query,
          limit,
          ...seen(index.searchExhaustive(words, options)),
        });
      }
  } finally {
    SearchIndex.scanBelow = before;
    scans.mockRestore();
  }
  // most one-word queries take the shortcut (the rest: prefixes of many terms)
  expect(searches).toBeGreaterThan(queries.length * 5 * 0.8);
}

// One-word searches read the best hits from lists in score order; the answers must be those of scoring every match.
describe('one-word search shortcut', () => {
  let server: TestServer;
  let docs: SearchDoc[];

  beforeAll(async () => {
    server = await TestServer.start();
    docs = (await searchIndexOf(server.db)).documents();
  });
  afterAll(() => server.stop());

  it('should answer every one-word query of the judged words, their prefixes and typos as scoring every match does', async () => {
    expectSameAnswers(await SearchIndex.build(docs), oneWordQueries());
  });

  it('should do so on a graph of many near-identical documents, where most hits tie', async () => {
    const copies = ['advertising', 'biotech core', 'climate data', 'edge', 'fintech'];
    expectSameAnswers(await SearchIndex.build(multiplied(docs, copies)), oneWordQueries());
  });

  it('should do so after updates, with documents replaced, deleted and added beside the lists', async () => {
    const index = await SearchIndex.build(multiplied(docs, ['advertising', 'edge']));
    const all = index.documents();
    const changed = all
      .filter((_, i) => i % 17 === 0)
      .map((d) => ({ ...d, name: `${d.name} security`, body: `${d.body} kubernetes kubernetes` }));
    const removed = all.filter((_, i) => i % 23 === 5).map((d) => d.key);
    const added = docs.slice(0, 40).map((d) => ({
      ...d,
      key: `${d.nodeType}:new-${d.slug}`,
      slug: `new-${d.slug}`,
      name: d.name.split(' ')[0],
    }));
    const updated = await index.withChanges([...changed, ...added], removed);
    expect(updated.updatedDocs).toBeGreaterThan(0);
    expectSameAnswers(updated, oneWordQueries());
  });
});
