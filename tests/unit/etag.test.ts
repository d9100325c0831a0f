import { etagOf, matchesIfNoneMatch } from '../../src/core/http-cache';

describe('ETags', () => {
  it('should give equal data equal tags and different data different tags', () => {
    expect(etagOf({ role: { name: 'A' } })).toBe(etagOf({ role: { name: 'A' } }));
    expect(etagOf({ role: { name: 'A' } })).not.toBe(etagOf({ role: { name: 'B' } }));
    expect(etagOf({ role: { name: 'A' } })).toMatch(/^W\/"[\w-]{32}"$/);
  });

  it('should match If-None-Match lists, weakly, and the wildcard', () => {
    const tag = etagOf({ x: 1 });
    const bare = tag.slice(2);
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch(bare, tag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", ${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch('*', tag)).toBe(true);
    expect(matchesIfNoneMatch('"other"', tag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, tag)).toBe(false);
  });
});
