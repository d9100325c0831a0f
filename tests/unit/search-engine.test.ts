import fc from 'fast-check';
import { SearchDoc } from '../../src/modules/search/documents';
import { snippetOf } from '../../src/modules/search/highlight';
import { SearchIndex } from '../../src/modules/search/search-engine';
import { queryTerms } from '../../src/modules/search/search.service';
import { TopK } from '../../src/modules/search/top-k';
import { editDistance } from '../../src/modules/search/typos';

const doc = (
  key: string,
  name: string,
  fields: Partial<Pick<SearchDoc, 'aliases' | 'related' | 'body' | 'deps'>> = {},
): SearchDoc => {
  const [nodeType, slug] = key.split(':');
  return {
    key,
    nodeType,
    slug,
    name,
    aliases: [],
    related: [],
    label: '',
    body: '',
    deps: [],
    ...fields,
  };
};
const search = (index: SearchIndex, text: string, limit = 10, types?: string[]) =>
  index.search(queryTerms(text), { limit, types }).hits.map((h) => h.key);

describe('Search engine', () => {
  const corpus = [
    doc('Skill:kubernetes', 'Kubernetes', { aliases: ['K8s'], body: 'Runs containers at scale.' }),
    doc('Skill:docker', 'Docker', {
      aliases: ['containers'],
      body: 'Builds containers; often run on Kubernetes.',
    }),
    doc('Role:devops-engineer', 'DevOps engineer', { body: 'Automates delivery.' }),
    doc('Role:engineering-manager', 'Engineering manager', { body: 'Leads engineers.' }),
    doc('Skill:people-management', 'People management', {
      aliases: ['engineering management', 'managing engineers'],
      body: 'Managing an engineering team, hiring, manager duties.',
    }),
    doc('Sector:fintech', 'Fintech', { body: 'Financial technology companies.' }),
    doc('Employer:stripe', 'Stripe', { related: ['Fintech', 'payments platforms'] }),
    doc('Employer:bank', 'Big Bank', {
      related: ['Financial services'],
      body: 'Payments and fintech.',
    }),
    doc('Skill:postgresql', 'PostgreSQL', {
      aliases: ['Postgres'],
      body: 'A relational database.',
    }),
  ];

  it('should weigh a node’s own name above the related names it carries, and those above prose', async () => {
    const index = await SearchIndex.build(corpus);
    expect(search(index, 'fintech')).toEqual([
      'Sector:fintech',
      'Employer:stripe',
      'Employer:bank',
    ]);
  });

  it('should put a name equal to the query first, then names containing it, then shared words', async () => {
    const index = await SearchIndex.build(corpus);
    expect(search(index, 'engineering manager').slice(0, 2)).toEqual([
      'Role:engineering-manager',
      'Skill:people-management',
    ]);
    const [first, second] = index.search(queryTerms('engineering manager'), { limit: 2 }).hits;
    expect([first.tier, second.tier]).toEqual([4, 3]); // equal as typed; equal once stemmed ("management")
    expect(search(index, 'k8s')[0]).toBe('Skill:kubernetes');
  });

  it('should rank documents with more of the query’s rare words first', async () => {
    const index = await SearchIndex.build(corpus);
    expect(search(index, 'fintech payments').slice(0, 2)).toEqual([
      'Employer:stripe',
      'Employer:bank',
    ]);
  });

  it('should match a misspelt word of 5 letters or more within one edit, below exact matches', async () => {
    const index = await SearchIndex.build(corpus);
    const result = index.search(queryTerms('postgress'), { limit: 10 });
    expect(result.hits.map((h) => h.key)).toEqual(['Skill:postgresql']);
    expect(result.words[0]).toMatchObject({ typo: true, shown: 'postgres' });
    expect(result.hits[0].matched.map((m) => m.shown)).toEqual(['postgres']);
    // an exact word of the same query outweighs the corrected one
    const mixed = index
      .search(queryTerms('kubernetes finteck'), { limit: 10 })
      .hits.map((h) => h.key);
    expect(mixed[0]).toBe('Skill:kubernetes');
    expect(mixed.indexOf('Sector:fintech')).toBeGreaterThan(mixed.indexOf('Skill:docker'));
    // at most three words of a query are looked up as typos
    const four = index.search(queryTerms('postgress finteck scalle delivvery'), {
      limit: 10,
    }).words;
    expect(four.map((w) => [w.shown, w.typo])).toEqual([
      ['postgres', true],
      ['fintech', true],
      ['scale', true],
      ['delivvery', false],
    ]);
    expect(index.search(queryTerms('delivvery'), { limit: 10 }).words[0]).toMatchObject({
      typo: true,
      shown: 'delivery',
    });
    // short words are never corrected
    expect(search(index, 'dockr')).toEqual(['Skill:docker']);
    expect(search(index, 'k9s')).toEqual([]);
  });

  it('should count edits as insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('pyhton', 'python', 2)).toBe(1);
    expect(editDistance('kubernets', 'kubernetes', 2)).toBe(1);
    expect(editDistance('postgress', 'postgresql', 2)).toBe(2);
    expect(editDistance('grafna', 'grafana', 1)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3); // capped at max + 1
  });

  it('should count every match per type, adding up to the total, and filter by type', async () => {
    const index = await SearchIndex.build(corpus);
    const all = index.search(queryTerms('engineering containers'), { limit: 1 });
    expect(all.hits).toHaveLength(1);
    expect(all.total).toBeGreaterThan(3);
    expect(all.facets.reduce((n, f) => n + f.count, 0)).toBe(all.total);
    const roles = index.search(queryTerms('engineering containers'), {
      limit: 10,
      types: ['Role'],
    });
    expect(roles.hits.every((h) => h.nodeType === 'Role')).toBe(true);
    expect(roles.facets).toEqual([{ type: 'Role', count: roles.total }]);
    expect(search(index, 'containers', 10, ['Nope'])).toEqual([]);
  });

  it('should mark the matched words in a short snippet of the node’s own text', async () => {
    const index = await SearchIndex.build(corpus);
    const [hit] = index.search(queryTerms('containers scale'), { limit: 1 }).hits;
    expect(snippetOf(hit.doc, hit.matched)).toBe('Runs **containers** at **scale**.');
    const [named] = index.search(queryTerms('stripe'), { limit: 1 }).hits;
    expect(snippetOf(named.doc, named.matched)).toBe('**Stripe**'); // no prose: the name itself
    const long = doc('Insight:long', 'Long', {
      body: `${'word '.repeat(60)}needle ${'word '.repeat(60)}`,
    });
    const text = snippetOf(
      long,
      (await SearchIndex.build([long])).search(queryTerms('needle'), { limit: 1 }).hits[0].matched,
    ) as string;
    expect(text.length).toBeLessThan(180);
    expect(text).toMatch(/^….*\*\*needle\*\*.*…$/);
  });

  it('should give nothing for words it has never seen, or an empty index', async () => {
    expect(search(await SearchIndex.build(corpus), 'xyzzy')).toEqual([]);
    expect(search(await SearchIndex.build([]), 'kubernetes')).toEqual([]);
  });

  it('should answer the same query twice alike (its scratch space is cleared)', async () => {
    const index = await SearchIndex.build(corpus);
    const first = index.search(queryTerms('containers kubernetes'), { limit: 10 });
    expect(index.search(queryTerms('fintech'), { limit: 10 }).hits).toHaveLength(3);
    expect(index.search(queryTerms('containers kubernetes'), { limit: 10 })).toEqual(first);
  });

  it('should name the documents carrying a record’s name, for updates to follow a rename', async () => {
    const index = await SearchIndex.build([
      ...corpus,
      doc('Employer:square', 'Square', { related: ['Fintech'], deps: ['Sector:fintech'] }),
    ]);
    expect([...index.dependentsOf(['Sector:fintech'])]).toEqual(['Employer:square']);
  });

  it('should forget the words of a removed document, for exact and typo matches alike', async () => {
    const index = await (
      await SearchIndex.build([
        ...corpus,
        doc('Skill:brewing', 'Brewing'),
        doc('Skill:zymurgy', 'Zymurgy', { body: 'Brewing science.' }),
      ])
    ).withChanges([], ['Skill:zymurgy', 'Skill:brewing']);
    const fresh = await SearchIndex.build(index.documents());
    for (const query of ['zymurgy', 'zymurgi', 'brewing', 'brewin']) {
      expect([query, index.search(queryTerms(query), { limit: 10 })]).toEqual([
        query,
        fresh.search(queryTerms(query), { limit: 10 }),
      ]);
    }
    expect(index.search(queryTerms('zymurgy'), { limit: 10 }).hits).toEqual([]);
  });

  const words = [
    'cloud',
    'clouds',
    'data',
    'database',
    'java',
    'javascript',
    'lead',
    'leader',
    'ops',
    'security',
    'kubernetes',
  ];
  const text = (max: number) =>
    fc.array(fc.constantFrom(...words), { maxLength: max }).map((w) => w.join(' '));
  const docArb = fc.record({
    nodeType: fc.constantFrom('Role', 'Skill', 'Insight'),
    slug: fc.integer({ min: 0, max: 30 }).map((n) => `n${n}`),
    name: text(3),
    aliases: fc.array(text(2), { maxLength: 2 }),
    related: fc.array(text(2), { maxLength: 2 }),
    body: text(10),
  });
  const asDoc = (d: {
    nodeType: string;
    slug: string;
    name: string;
    aliases: string[];
    related: string[];
    body: string;
  }): SearchDoc => ({
    ...d,
    key: `${d.nodeType}:${d.slug}`,
    label: d.nodeType.toLowerCase(),
    deps: [],
  });
  const unique = (docs: SearchDoc[]) => [...new Map(docs.map((d) => [d.key, d])).values()];
  const queryArb = fc.oneof(
    fc.subarray(words, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
    fc.constantFrom('kubernets', 'securty', 'databse'),
  );

  it('should return the first `limit` hits of the full ranking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(docArb, { minLength: 1, maxLength: 40 }),
        queryArb,
        fc.integer({ min: 1, max: 12 }),
        async (docs, query, limit) => {
          const index = await SearchIndex.build(unique(docs.map(asDoc)));
          const all = index.search(queryTerms(query), { limit: 1000 }).hits;
          expect(index.search(queryTerms(query), { limit }).hits).toEqual(all.slice(0, limit));
          for (let i = 1; i < all.length; i++) {
            const [a, b] = [all[i - 1], all[i]];
            expect(
              a.tier > b.tier ||
                (a.tier === b.tier &&
                  (a.score > b.score || (a.score === b.score && a.key < b.key))),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('should rank an updated index exactly as one built afresh from the same documents, leaving the old one as it was', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(docArb, { maxLength: 40 }),
        fc.array(
          fc.record({
            upserts: fc.array(docArb, { maxLength: 5 }),
            removed: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 3 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        queryArb,
        async (initial, steps, query) => {
          let index = await SearchIndex.build(unique(initial.map(asDoc)));
          for (const step of steps) {
            const before = index.search(queryTerms(query), { limit: 50 });
            const next = await index.withChanges(
              unique(step.upserts.map(asDoc)),
              step.removed.map((n) => `Skill:n${n}`),
            );
            expect(index.search(queryTerms(query), { limit: 50 })).toEqual(before); // copy-on-write
            index = next;
          }
          const fresh = await SearchIndex.build(index.documents());
          const strip = (r: ReturnType<SearchIndex['search']>) => ({
            ...r,
            hits: r.hits.map((h) => ({ ...h, score: Math.round(h.score * 1e9) })),
          });
          expect(strip(index.search(queryTerms(query), { limit: 50 }))).toEqual(
            strip(fresh.search(queryTerms(query), { limit: 50 })),
          );
          expect(index.size).toBe(fresh.size);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('TopK', () => {
  it('should keep the best `limit` numbers, best first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 })),
        fc.integer({ min: 0, max: 10 }),
        (values, limit) => {
          const top = new TopK(limit, (a, b) => a < b);
          values.forEach((v) => top.offer(v));
          expect(top.best()).toEqual([...values].sort((a, b) => b - a).slice(0, limit));
        },
      ),
    );
  });
});
