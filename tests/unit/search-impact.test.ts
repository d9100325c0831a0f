import fc from 'fast-check';
import { buildImpactLists, ImpactCursor } from '../../src/modules/search/impact-lists';
import { prefixEnds } from '../../src/modules/search/inverted-index';
import { prefixRanges } from '../../src/modules/search/segment-impact';

describe('search impact lists', () => {
  it('should find exactly the ranges of two or more sorted terms that some prefix matches', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[abc]{1,5}$/), { maxLength: 30 }), (list) => {
        const terms = [...list].sort();
        const expected = new Set<string>();
        for (const term of terms)
          for (let n = 1; n <= term.length; n++) {
            const p = term.slice(0, n);
            const matching = terms.flatMap((t, i) => (t.startsWith(p) ? [i] : []));
            if (matching.length > 1) expected.add(`${matching[0]}-${matching.at(-1)! + 1}`);
          }
        const found = prefixRanges(terms).map(([from, to]) => `${from}-${to}`);
        expect(new Set(found)).toEqual(expected);
        expect(found.length).toBe(expected.size);
      }),
    );
  });

  it('should end the run of terms each sorted term starts where a scan of the list ends it', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[abc]{1,5}$/), { maxLength: 40 }), (list) => {
        const terms = [...list].sort();
        const scanned = terms.map((term, i) => {
          let end = i + 1;
          while (end < terms.length && terms[end].startsWith(term)) end++;
          return end;
        });
        expect([...prefixEnds(terms)]).toEqual(scanned);
      }),
    );
  });

  // wide frequencies and lengths do not fit the packed sort keys: those lists are sorted by comparison
  it('should read a list best score first, whatever the average length', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            freq: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 2 ** 30 })),
            length: fc.oneof(
              fc.integer({ min: 1, max: 200 }),
              fc.integer({ min: 1, max: 2 ** 20 }),
            ),
            prior: fc.constantFrom(0.8, 1, 1.2),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.double({ min: 1, max: 300, noNaN: true }),
        async (docs, average) => {
          const docLength = Uint32Array.from(docs, (d) => d.length);
          const docPrior = Float64Array.from(docs, (d) => d.prior);
          const lists = await buildImpactLists(
            1,
            {
              list: new Uint32Array(docs.length),
              doc: Uint32Array.from(docs, (_, i) => i),
              freq: Uint32Array.from(docs, (d) => d.freq),
              size: docs.length,
            },
            docLength,
            docPrior,
          );
          const score = (d: number, f: number) =>
            ((f * 2.2) / (f + 1.2 * (0.25 + (0.75 * docLength[d]) / average))) * docPrior[d];
          const cursor = new ImpactCursor(lists, 0, docLength, score);
          const read: number[] = [];
          while (!cursor.done) {
            expect(cursor.best).toBe(score(cursor.doc, cursor.freq));
            read.push(cursor.best);
            cursor.next();
          }
          expect(read).toEqual(docs.map((d, i) => score(i, d.freq)).sort((a, b) => b - a));
        },
      ),
    );
  });
});
