import { NeverStoredTexts, withoutVariables } from '../../src/core/cache/never-stored';

describe('Texts whose answers are never stored', () => {
  it('should keep at most 256 texts, the oldest dropped first, and no long text', () => {
    const texts = new NeverStoredTexts();
    for (let i = 0; i < 300; i++) texts.add(`{ __typename a${i}: __typename }`);
    expect(texts.size).toBe(256);
    expect(texts.has('{ __typename a0: __typename }')).toBe(false);
    expect(texts.has('{ __typename a299: __typename }')).toBe(true);
    texts.add(`{ __typename ${'a: __typename '.repeat(400)}}`);
    expect(texts.has(`{ __typename ${'a: __typename '.repeat(400)}}`)).toBe(false);
  });

  it('should treat only absent or empty variables as none', () => {
    expect(withoutVariables(null)).toBe(true);
    expect(withoutVariables(undefined)).toBe(true);
    expect(withoutVariables({})).toBe(true);
    expect(withoutVariables({ a: undefined })).toBe(false);
  });
});
