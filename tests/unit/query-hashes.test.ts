import crypto from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  apolloCreateHashModule,
  keepQueryHashes,
  keptQueryHashChars,
  keptQueryHashes,
  keptSha256Hex,
} from '../../src/core/query-hashes';

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

describe('Kept query hashes', () => {
  beforeAll(() => expect(keepQueryHashes()).toBe(true));

  it('should give the SHA-256 of every text, the same again when it comes back', () => {
    const texts = [
      '',
      '{ __typename }',
      'query Q($a: Int) { a: role(slug: "x") { name } } # ünïcödé – 🚀',
      'x'.repeat(19_999),
      'y'.repeat(25_000), // longer than what is kept: hashed each time
      // same length and the same sampled characters as the one before it, different elsewhere
      `${'y'.repeat(12_000)}z${'y'.repeat(12_999)}`,
    ];
    for (let round = 0; round < 2; round++)
      for (const text of texts) expect(keptSha256Hex(`${text} `.slice(0, -1))).toBe(sha256(text));
  });

  it('should tell apart texts whose fingerprints collide', () => {
    // 32 characters: every other one sampled; these differ only where none is
    const a = 'ab'.repeat(16);
    const b = 'ac'.repeat(16);
    expect(keptSha256Hex(a)).toBe(sha256(a));
    expect(keptSha256Hex(b)).toBe(sha256(b));
    expect(keptSha256Hex(a)).toBe(sha256(a));
  });

  it('should keep at most a thousand texts, whatever a stranger sends', () => {
    for (let i = 0; i < 3_000; i++) keptSha256Hex(`{ f${i} }`);
    expect(keptQueryHashes()).toBeLessThanOrEqual(1_000);
  });

  it('should keep at most a million characters of texts: a thousand texts of 20,000 held 20 MB', () => {
    for (let i = 0; i < 100; i++) {
      const noise = `${i}:${Math.random().toString(36).slice(2)}`;
      keptSha256Hex(
        `{ __typename } # ${noise.repeat(Math.ceil(20_000 / noise.length))}`.slice(0, 20_000),
      );
    }
    expect(keptQueryHashChars()).toBeLessThanOrEqual(1_000_000);
    expect(keptQueryHashes()).toBeGreaterThan(0);
  });

  it("should answer every other use of Apollo's createHash as node:crypto does", () => {
    const { createHash } = apolloCreateHashModule().exports as {
      createHash: (kind: string) => crypto.Hash;
    };
    expect(createHash('sha256').update('abc').digest('hex')).toBe(sha256('abc'));
    expect(createHash('sha256').update('ab').update('c').digest('hex')).toBe(sha256('abc'));
    expect(createHash('sha256').update(Buffer.from('abc')).digest('hex')).toBe(sha256('abc'));
    expect(createHash('sha256').update('616263', 'hex').digest('hex')).toBe(sha256('abc'));
    expect(createHash('sha256').update('abc').digest('base64')).toBe(
      crypto.createHash('sha256').update('abc').digest('base64'),
    );
    expect(createHash('sha256').update('abc').digest()).toEqual(
      crypto.createHash('sha256').update('abc').digest(),
    );
    expect(createHash('sha256').digest('hex')).toBe(sha256(''));
    expect(createHash('sha1').update('abc').digest('hex')).toBe(
      crypto.createHash('sha1').update('abc').digest('hex'),
    );
  });

  it("should spare Apollo hashing a query's text again when the same text comes back", async () => {
    const apollo = new ApolloServer({ typeDefs: 'type Query { a: Int }' });
    await apollo.start();
    const spy = jest.spyOn(crypto, 'createHash');
    try {
      const query = `{ a __typename } # ${Date.now()}`;
      await apollo.executeOperation({ query });
      const first = spy.mock.calls.filter(([kind]) => kind === 'sha256').length;
      expect(first).toBeGreaterThan(0); // the query's hash, once
      spy.mockClear();
      const response = await apollo.executeOperation({ query: `${query} `.slice(0, -1) });
      expect(response.body.kind === 'single' && response.body.singleResult.data).toEqual({
        a: null,
        __typename: 'Query',
      });
      expect(spy.mock.calls.filter(([kind]) => kind === 'sha256')).toEqual([]);
    } finally {
      spy.mockRestore();
      await apollo.stop();
    }
  });
});
