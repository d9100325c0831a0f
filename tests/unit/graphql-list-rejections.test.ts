import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, graphql } from 'graphql';

/**
 * graphql 16.15.0 completes a list's items one by one; when one item fails at once (a field of a
 * non-null item throws or is null) after an earlier item's completion became a promise, the list
 * is abandoned and that promise, if it rejects too, is nobody's: Node ends the process on an
 * unhandled rejection. A request mixing answers kept in memory with ones still being read could
 * stop a server that way. patches/graphql+16.15.0.patch (applied by `npm ci`) makes the list wait
 * for those promises before it fails, as graphql already does for an object's fields.
 */
describe("graphql's list completion", () => {
  const schema = buildSchema(`
    type Item { name: String! }
    type Query { items: [Item!]! }
  `);
  const rootValue = {
    items: () => [
      { name: () => new Promise((resolve) => setTimeout(() => resolve(null), 5)) },
      { name: () => null },
    ],
  };

  it('should leave no promise of an item unhandled when a later item fails at once', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const result = await graphql({ schema, source: '{ items { name } }', rootValue });
      expect(result.data).toBeNull();
      expect(result.errors?.map((e) => e.path)).toEqual([['items', 1, 'name']]);
      await new Promise((resolve) => setTimeout(resolve, 30)); // the first item's rejection, had it been left
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('the container image', () => {
  it('should install the libraries with their patches (patches/ copied before npm ci)', () => {
    const lines = readFileSync(join(__dirname, '..', '..', 'Dockerfile'), 'utf8').split('\n');
    const copied = lines.findIndex((l) => /^COPY patches \.\/patches$/.test(l));
    const installed = lines.findIndex((l) => /^RUN npm ci\b/.test(l));
    expect(copied).toBeGreaterThanOrEqual(0);
    expect(copied).toBeLessThan(installed);
  });
});
