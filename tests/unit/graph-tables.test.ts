import { DataSource } from 'typeorm';
import { ascending, GraphTables, groupRows } from '../../src/core/graph-tables';

type Row = { id: number; name: string | null; rank: number };

describe('Graph tables', () => {
  it('should order like SQLite: by each column in turn, nulls first, strings by code unit', () => {
    const rows: Row[] = [
      { id: 3, name: 'b', rank: 1 },
      { id: 1, name: 'B', rank: 2 },
      { id: 2, name: null, rank: 2 },
      { id: 4, name: 'b', rank: 0 },
    ];
    expect([...rows].sort(ascending<Row>('name', 'rank')).map((r) => r.id)).toEqual([2, 1, 4, 3]);
  });

  it('should group rows by key, each group sorted and frozen', () => {
    const groups = groupRows(
      [
        { k: 1, v: 2 },
        { k: 2, v: 1 },
        { k: 1, v: 1 },
      ],
      (r) => r.k,
      (a, b) => a.v - b.v,
    );
    expect(groups.get(1)).toEqual([
      { k: 1, v: 1 },
      { k: 1, v: 2 },
    ]);
    expect(Object.isFrozen(groups.get(1))).toBe(true);
  });

  it('should build each derived value once, show it to peek once built, and not keep a failure', async () => {
    const tables = new GraphTables({} as DataSource);
    let builds = 0;
    const build = async () => ++builds;
    expect(tables.peek('n')).toBeUndefined();
    const [a, b] = await Promise.all([
      tables.derive('n', [], build),
      tables.derive('n', [], build),
    ]);
    expect([a, b, builds]).toEqual([1, 1, 1]);
    expect(tables.peek('n')).toBe(1);

    await expect(
      tables.derive('bad', [], async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await tables.derive('bad', [], async () => 'second try')).toBe('second try');
  });

  it('should refuse a derived value that reads a table it does not declare', async () => {
    const tables = new GraphTables({} as DataSource);
    await expect(
      tables.derive('outer', ['roles'], () => tables.derive('inner', ['skills'], async () => 1)),
    ).rejects.toThrow('"outer" reads "inner" (table skills) but does not declare skills');
    // a part of a declared table is covered by it
    expect(
      await tables.derive('whole', ['citations'], () =>
        tables.derive('part', ['citations:Role'], async () => 2),
      ),
    ).toBe(2);
  });

  it('should carry to the next version what no change can have touched, and nothing for an unknown kind', async () => {
    // no slug column: a write of these kinds reads what it touched whole (row-patch.ts)
    const meta = { isJunction: false, columns: [] as unknown[], foreignKeys: [] as unknown[] };
    const a = { ...meta, name: 'A', tableName: 'a' };
    const b = {
      ...meta,
      name: 'B',
      tableName: 'b',
      foreignKeys: [{ referencedEntityMetadata: a }],
    };
    const c = { ...meta, name: 'C', tableName: 'c' };
    const db = { entityMetadatas: [a, b, c] } as unknown as DataSource;
    const tables = new GraphTables(db);
    let builds = 0;
    const build = async () => ++builds;
    await Promise.all([
      tables.derive('of-a', ['a'], build),
      tables.derive('of-b', ['b'], build), // b points at a: a write of an A can change it (a link or child row)
      tables.derive('of-c', ['c'], build),
      tables.derive('cites-of-a', ['citations:A'], build),
      tables.derive('cites-of-c', ['citations:C'], build),
      tables.derive('all-cites', ['citations'], build),
    ]);
    const next = tables.after({
      from: 1,
      to: 2,
      changes: [{ kind: 'A', key: 'x', change: 'UPDATED' }],
    });
    const kept = ['of-a', 'of-b', 'of-c', 'cites-of-a', 'cites-of-c', 'all-cites'].filter(
      (k) => next.peek(k) !== undefined,
    );
    expect(kept).toEqual(['of-c', 'cites-of-c']);
    const before = builds;
    expect(await next.derive('of-c', ['c'], build)).toBe(tables.peek('of-c')); // kept, not built again
    expect(builds).toBe(before);
    expect(tables.peek('of-a')).toBeDefined(); // the old version's tables stay as they were

    const unknown = tables.after({
      from: 1,
      to: 2,
      changes: [{ kind: 'NotAnEntity', key: 'x', change: 'UPDATED' }],
    });
    expect(unknown.peek('of-c')).toBeUndefined();
  });
});
