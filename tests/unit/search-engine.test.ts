import fc from 'fast-check';
import { buildInvertedIndex, SearchDocument } from '../../src/modules/search/inverted-index';
import { SearchEngine } from '../../src/modules/search/search-engine';
import { queryPhrases } from '../../src/modules/search/search.service';
import { TopK } from '../../src/modules/search/top-k';

const engineOf = async (docs: SearchDocument[]) => new SearchEngine(await buildInvertedIndex(docs, async () => undefined));
const doc = (nodeType: string, slug: string, title: string, body = ''): SearchDocument => ({ nodeType, slug, title, body });
const search = (engine: SearchEngine, text: string, limit = 10, types?: string[]) =>
  engine.search(queryPhrases(text), { limit, types }).map((h) => `${h.nodeType}:${h.slug}`);

/** FTS5's bm25() for one phrase: idf * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl)). */
const bm25 = (f: number, length: number, averageLength: number, hits: number, docs: number) =>
  Math.max(Math.log((docs - hits + 0.5) / (hits + 0.5)), 1e-6) * ((f * 2.2) / (f + 1.2 * (0.25 + (0.75 * length) / averageLength)));

describe('Search engine', () => {
  const corpus = [
    doc('Skill', 'kubernetes', 'Kubernetes', 'Runs containers at scale.'), // 1 + 4 words
    doc('Skill', 'docker', 'Docker', 'Builds containers; often run on Kubernetes.'), // 1 + 6
    doc('Role', 'devops-engineer', 'DevOps engineer', 'Automates delivery.'), // 2 + 2
    doc('Insight', 'pay', 'Pay', 'Salaries rise with experience.'), // 1 + 4
    doc('Sector', 'retail', 'Retail', 'Shops.'), // 1 + 1
  ];
  const averageLength = (5 + 7 + 4 + 5 + 2) / 5;

  it('should score as BM25 with names weighing ten times the prose', async () => {
    const engine = await engineOf(corpus);
    const hits = engine.search(queryPhrases('kubernetes'), { limit: 10 });
    expect(hits.map((h) => h.slug)).toEqual(['kubernetes', 'docker']);
    expect(hits[0].score).toBeCloseTo(bm25(10, 5, averageLength, 2, 5), 12);
    expect(hits[1].score).toBeCloseTo(bm25(1, 7, averageLength, 2, 5), 12);
  });

  it('should add up the phrases of a query, each with its own rarity', async () => {
    const engine = await engineOf(corpus);
    const [best] = engine.search(queryPhrases('docker containers'), { limit: 1 });
    // "docker" is in one document, "containers" (stem "contain") in two
    expect(best.slug).toBe('docker');
    expect(best.score).toBeCloseTo(bm25(10, 7, averageLength, 1, 5) + bm25(1, 7, averageLength, 2, 5), 12);
  });

  it('should find stems and prefixes, adding up every word a prefix starts', async () => {
    const engine = await engineOf([
      doc('Skill', 'java', 'Java', 'Java on servers.'),
      doc('Skill', 'javascript', 'JavaScript', 'Runs in browsers.'),
      doc('Skill', 'both', 'Java and JavaScript', 'Two languages.'),
      doc('Role', 'developer', 'Developer', 'Writes code.'),
      ...['Retail', 'Health', 'Energy'].map((name) => doc('Sector', name.toLowerCase(), name, 'A sector.')),
    ]);
    expect(search(engine, 'developing')).toEqual(['Role:developer']);
    expect(search(engine, 'javasc')).toEqual(['Skill:javascript', 'Skill:both']);
    // "java"* matches all three, and counts java and javascript together in "both"
    const hits = engine.search(queryPhrases('java'), { limit: 3 });
    expect(hits.map((h) => h.slug)).toEqual(['both', 'java', 'javascript']);
    expect(hits[0].score).toBeCloseTo(bm25(20, 5, 25 / 7, 3, 7), 12);
    // words shorter than three letters match whole words only
    expect(search(await engineOf([doc('Skill', 'go', 'Go'), doc('Skill', 'google', 'Google Cloud')]), 'go')).toEqual(['Skill:go']);
  });

  it('should break ties by node type, then slug', async () => {
    const engine = await engineOf([doc('Skill', 'b', 'Cloud'), doc('Skill', 'a', 'Cloud'), doc('Role', 'z', 'Cloud'), doc('Sector', 'x', 'Other')]);
    expect(search(engine, 'cloud')).toEqual(['Role:z', 'Skill:a', 'Skill:b']);
  });

  it('should keep only the types asked for, and nothing for an unknown type', async () => {
    const engine = await engineOf(corpus);
    expect(search(engine, 'containers devops', 10, ['Role'])).toEqual(['Role:devops-engineer']);
    expect(search(engine, 'containers devops', 10, ['Skill', 'Role'])).toHaveLength(3);
    expect(search(engine, 'containers', 10, ['Nope'])).toEqual([]);
  });

  it('should give nothing for words it has never seen, or an empty index', async () => {
    expect(search(await engineOf(corpus), 'xyzzy')).toEqual([]);
    expect(search(await engineOf([]), 'kubernetes')).toEqual([]);
  });

  it('should answer the same query twice alike (its scratch space is cleared)', async () => {
    const engine = await engineOf(corpus);
    const first = engine.search(queryPhrases('containers kubernetes'), { limit: 10 });
    expect(engine.search(queryPhrases('shops'), { limit: 10 })).toHaveLength(1);
    expect(engine.search(queryPhrases('containers kubernetes'), { limit: 10 })).toEqual(first);
  });

  it('should return the first `limit` hits of the full ranking', async () => {
    const words = ['cloud', 'clouds', 'data', 'database', 'java', 'javascript', 'lead', 'leader', 'ops', 'security'];
    const docArb = fc.record({
      nodeType: fc.constantFrom('Role', 'Skill', 'Insight'),
      title: fc.array(fc.constantFrom(...words), { maxLength: 4 }).map((w) => w.join(' ')),
      body: fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((w) => w.join(' ')),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(docArb, { minLength: 1, maxLength: 40 }), fc.subarray(words, { minLength: 1 }), fc.integer({ min: 1, max: 12 }), async (docs, query, limit) => {
        const engine = await engineOf(docs.map((d, i) => ({ ...d, slug: `n${i}` })));
        const all = engine.search(queryPhrases(query.join(' ')), { limit: 1000 });
        expect(engine.search(queryPhrases(query.join(' ')), { limit })).toEqual(all.slice(0, limit));
        for (let i = 1; i < all.length; i++) {
          const [a, b] = [all[i - 1], all[i]];
          expect(a.score > b.score || (a.score === b.score && `${a.nodeType}:${a.slug}` < `${b.nodeType}:${b.slug}`)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('TopK', () => {
  it('should keep the best `limit` numbers, best first', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: 0, max: 10 }), (values, limit) => {
        const top = new TopK(limit, (a, b) => a < b);
        values.forEach((v) => top.offer(v));
        expect(top.best()).toEqual([...values].sort((a, b) => b - a).slice(0, limit));
      }),
    );
  });
});
