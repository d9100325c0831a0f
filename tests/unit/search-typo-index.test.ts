import { join } from 'node:path';
import { SearchDoc } from '../../src/modules/search/documents';
import { tokens } from '../../src/modules/search/porter-tokenizer';
import { SearchIndex } from '../../src/modules/search/search-engine';
import { queryTerms } from '../../src/modules/search/search.service';
import {
  buildTypoIndex,
  closeWords,
  scanWords,
  typoLookupStats,
} from '../../src/modules/search/typo-index';
import { allowedEdits } from '../../src/modules/search/typos';
import { readSeeds } from '../../src/seeding/read';

/** Every distinct folded word of the committed seed files: the real graph's vocabulary and more. */
const vocabulary = [
  ...new Set(tokens(JSON.stringify(readSeeds(join(__dirname, '..', '..', 'seeds')).set))),
].sort();

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `word` with one random insertion, deletion, substitution or swap of neighbours. */
function misspell(word: string, next: () => number): string {
  const at = Math.floor(next() * word.length);
  const letter = 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(next() * 36)];
  switch (Math.floor(next() * 4)) {
    case 0:
      return word.slice(0, at) + letter + word.slice(at);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + letter + word.slice(at + 1);
    default:
      return at + 1 < word.length
        ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
        : word + letter;
  }
}

describe('Typo index', () => {
  it('should find exactly the words a scan of the real vocabulary finds, for misspelt and unrelated words', async () => {
    expect(vocabulary.length).toBeGreaterThan(1000);
    const index = await buildTypoIndex(vocabulary, null);
    const next = random(7);
    const queries = new Set<string>(['postgress', 'kubernets', 'pyhton', 'javascrpt', 'xyzzyq']);
    // about 120 words: each query is also scanned against the whole vocabulary
    for (const word of vocabulary) {
      if (word.length < 4 || next() > 120 / vocabulary.length) continue;
      const once = misspell(word, next);
      queries.add(once);
      queries.add(misspell(once, next)); // two edits away, or one, or none
    }
    let corrected = 0;
    for (const query of queries) {
      const max = allowedEdits(query);
      if (max === 0) continue;
      const found = closeWords(index, vocabulary, query, max);
      expect([query, found]).toEqual([query, scanWords(vocabulary, query, max)]);
      if (found.length) corrected++;
    }
    // the comparison is not vacuous: most misspellings have a correction
    expect(corrected).toBeGreaterThan(queries.size / 3);
    expect(closeWords(index, vocabulary, 'kubernets', 2).map((c) => vocabulary[c.id])).toContain(
      'kubernetes',
    );
  });

  const doc = (key: string, name: string, body = ''): SearchDoc => {
    const [nodeType, slug] = key.split(':');
    return { key, nodeType, slug, name, aliases: [], related: [], label: '', body, deps: [] };
  };
  const corrected = (index: SearchIndex, query: string) =>
    index.search(queryTerms(query), { limit: 10 }).words.map((w) => (w.typo ? w.shown : null));

  it('should correct to words added by an update and not to words it removed, as a fresh build does', async () => {
    const base = await SearchIndex.build([
      doc('Skill:brewing', 'Brewing', 'Making beer from malted barley.'),
      doc('Skill:baking', 'Baking', 'Bread and pastry.'),
    ]);
    expect(corrected(base, 'zymurhy')).toEqual([null]);
    const updated = await base.withChanges(
      [doc('Skill:zymurgy', 'Zymurgy', 'The science of fermentation.')],
      ['Skill:baking'],
    );
    const fresh = await SearchIndex.build(updated.documents());
    for (const query of ['zymurhy', 'fermentaton', 'pastru', 'bakinng', 'brewinng barly']) {
      expect([query, corrected(updated, query)]).toEqual([query, corrected(fresh, query)]);
    }
    expect(corrected(updated, 'zymurhy fermentaton')).toEqual(['zymurgy', 'fermentation']);
    expect(corrected(updated, 'pastru')).toEqual([null]); // only the removed document had it
    expect(corrected(base, 'pastru')).toEqual(['pastry']); // the old index is left as it was
  });

  it("should not work out a long query word's deletions that no filed word can be near (30 words of 200 letters took about a second of a request)", async () => {
    const index = await buildTypoIndex(vocabulary, null);
    const next = random(7);
    const long = (length: number) =>
      Array.from({ length }, () => String.fromCharCode(0x4e00 + Math.floor(next() * 20_000))).join(
        '',
      );
    // the same answers as a scan, for words just past the filed lengths and far past them
    const longest = vocabulary.reduce((n, w) => Math.max(n, w.length), 0);
    for (const word of [
      ...vocabulary.filter((w) => w.length >= 21).slice(0, 5),
      'a'.repeat(23),
      long(40),
    ])
      for (const max of [1, 2])
        expect(closeWords(index, vocabulary, word, max)).toEqual(scanWords(vocabulary, word, max));
    expect(longest).toBeLessThan(200);
    // a word of 200 has about 20 000 deletions: worked out for 30 words, they took about a second
    const before = typoLookupStats.deletionLookups;
    for (let i = 0; i < 30; i++) closeWords(index, vocabulary, long(200), 2);
    expect(typoLookupStats.deletionLookups).toBe(before);
    closeWords(index, vocabulary, 'pastru', 2);
    expect(typoLookupStats.deletionLookups).toBe(before + 1);
  });
});
