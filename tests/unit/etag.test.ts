import { etagOf, matchesIfNoneMatch } from '../../src/core/http-cache';

const HERE = { database: 'a1', graphVersion: 3 };

describe('ETags', () => {
  it('should give equal data equal tags and different data different tags', () => {
    expect(etagOf({ role: { name: 'A' } }, HERE)).toBe(etagOf({ role: { name: 'A' } }, HERE));
    expect(etagOf({ role: { name: 'A' } }, HERE)).not.toBe(etagOf({ role: { name: 'B' } }, HERE));
    expect(etagOf({ role: { name: 'A' } }, HERE)).toMatch(/^W\/"[\w-]{32}"$/);
  });

  it('should give the same data of another database, or of another graph version, another tag', () => {
    const data = { role: { name: 'A' } };
    expect(etagOf(data, { ...HERE, database: 'b2' })).not.toBe(etagOf(data, HERE));
    expect(etagOf(data, { ...HERE, graphVersion: 4 })).not.toBe(etagOf(data, HERE));
  });

  it('should match If-None-Match lists, weakly, and the wildcard', () => {
    const tag = etagOf({ x: 1 }, HERE);
    const bare = tag.slice(2);
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch(bare, tag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", ${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch('*', tag)).toBe(true);
    expect(matchesIfNoneMatch('"other"', tag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, tag)).toBe(false);
  });
});
