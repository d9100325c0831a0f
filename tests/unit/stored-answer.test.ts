import {
  answerKey,
  memoryAnswerStore,
  redisAnswerStore,
  StoredAnswer,
} from '../../src/core/cache/stored-answer';

const answer = (data: string, maxAge = 60): StoredAnswer => ({
  data,
  maxAge,
  storedAt: 1_700_000_000_000,
  operationName: 'Level',
  extensions: ['sqlStatements', 'cost', 'graphVersion'],
  cost: { requested: 2, limit: 500_000 },
  etag: 'W/"abc"',
});

describe('Stored answers', () => {
  it('should key by scope, operation text, name and variables, null variables as none', () => {
    const key = answerKey('db:1:s', '{ a }', null, { x: 1 });
    expect(answerKey('db:1:s', '{ a }', undefined, { x: 1 })).toBe(key);
    expect(answerKey('db:2:s', '{ a }', null, { x: 1 })).not.toBe(key);
    expect(answerKey('db:1:s', '{ a }', 'A', { x: 1 })).not.toBe(key);
    expect(answerKey('db:1:s', '{ a }', null, { x: 2 })).not.toBe(key);
    expect(answerKey('db:1:s', '{ a } ', null, { x: 1 })).not.toBe(key);
    expect(answerKey('db:1:s', '{ a }', null, null)).toBe(answerKey('db:1:s', '{ a }', null, {}));
  });

  it('should keep answers in Redis as their meta line and data, and read them back whole', async () => {
    const kept = new Map<string, { value: string; ttl?: number | null }>();
    const store = redisAnswerStore({
      get: async (key) => kept.get(key)?.value,
      set: async (key, value, options) => void kept.set(key, { value, ttl: options?.ttl }),
      delete: async (key) => kept.delete(key),
    });
    const data = '{"role":{"name":"Back-end\\ndeveloper é"}}';
    store.set('k', answer(data, 30));
    const [[key, entry]] = [...kept];
    expect(key).toBe('answer:k');
    expect(entry.ttl).toBe(30);
    expect(entry.value.endsWith(`\n${data}`)).toBe(true);
    expect(await store.get('k')).toEqual(answer(data, 30));
    expect(await store.get('missing')).toBeUndefined();
  });

  it('should bound the answers kept in memory by size, and leave out one too big to keep', () => {
    const store = memoryAnswerStore(10_000, 100);
    store.set('big', answer('x'.repeat(5_000)));
    expect(store.get('big')).toBeUndefined();
    for (let i = 0; i < 10; i += 1) store.set(`k${i}`, answer('y'.repeat(500)));
    const kept = Array.from({ length: 10 }, (_, i) => store.get(`k${i}`)).filter(Boolean);
    expect(kept.length).toBeLessThan(10);
    expect(store.get('k9')).toBeDefined(); // the most recent stay
  });
});
