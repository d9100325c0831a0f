import { fold, stem, tokens } from '../../src/modules/search/porter-tokenizer';
import { queryTerms } from '../../src/modules/search/search.service';
import { keptStems } from '../../src/modules/search/inverted-index';

describe('Search tokenizer', () => {
  it('should split on anything but letters and digits, lower-cased', () => {
    expect(tokens("C++, node.js & x86_64 (O'Reilly)")).toEqual([
      'c',
      'node',
      'js',
      'x86',
      '64',
      'o',
      'reilly',
    ]);
  });

  it('should drop accents as remove_diacritics 2 does, keeping letters that have no plain form', () => {
    expect(tokens('Café Naïve Ångström ÉCOLE Łódź Straße')).toEqual([
      'cafe',
      'naive',
      'angstrom',
      'ecole',
      'łodz',
      'straße',
    ]);
    expect(fold('cafe\u0301x')).toBe('cafex'); // a combining accent does not split the word
  });

  it("should stem with the original Porter algorithm, as SQLite's porter tokenizer", () => {
    const stems = [
      'developing',
      'developers',
      'development',
      'relational',
      'generalization',
      'happily',
      'caresses',
      'skies',
      'running',
      'go',
    ].map(stem);
    expect(stems).toEqual([
      'develop',
      'develop',
      'develop',
      'relat',
      'gener',
      'happili',
      'caress',
      'ski',
      'run',
      'go',
    ]);
  });

  it('should leave words longer than 64 bytes unstemmed', () => {
    // as SQLite: 'ła' is three bytes, so 20 of them with the suffix make 67 bytes, 19 make 64
    expect(stem(`${'ła'.repeat(20)}ational`)).toBe(`${'ła'.repeat(20)}ational`);
    expect(stem(`${'ła'.repeat(19)}ational`)).toBe('ła'.repeat(19));
  });

  it('should turn a query into stemmed words: stop words out, short words whole, at most twelve', () => {
    expect(queryTerms('How do I become the developers of AI?')).toEqual([
      { word: 'become', stem: 'becom', prefix: true },
      { word: 'developers', stem: 'develop', prefix: true },
      { word: 'ai', stem: 'ai', prefix: false },
    ]);
    expect(
      queryTerms('one two three four five six seven eight nine ten eleven twelve thirteen'),
    ).toHaveLength(12);
    expect(queryTerms('"docker" OR NEAR(*) ^ -')).toEqual([
      { word: 'docker', stem: 'docker', prefix: true },
      { word: 'near', stem: 'near', prefix: true },
    ]);
  });

  it("should not keep the stems of a query's words: strangers' words filled the cache (200 000 words of 200 characters, about 90 MB)", () => {
    const before = keptStems();
    for (let i = 0; i < 100; i++) {
      const words = [`zq${i}developers`, `${'y'.repeat(150)}${i}`];
      expect(queryTerms(words.join(' ')).map((t) => t.stem)).toEqual(words.map(stem));
    }
    expect(keptStems()).toBe(before);
  });
});
