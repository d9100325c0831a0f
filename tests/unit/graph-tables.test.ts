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
    const groups = groupRows([{ k: 1, v: 2 }, { k: 2, v: 1 }, { k: 1, v: 1 }], (r) => r.k, (a, b) => a.v - b.v);
    expect(groups.get(1)).toEqual([{ k: 1, v: 1 }, { k: 1, v: 2 }]);
    expect(Object.isFrozen(groups.get(1))).toBe(true);
  });

  it('should build each derived value once, show it to peek once built, and not keep a failure', async () => {
    const tables = new GraphTables({} as DataSource);
    let builds = 0;
    const build = async () => ++builds;
    expect(tables.peek('n')).toBeUndefined();
    const [a, b] = await Promise.all([tables.derive('n', [], build), tables.derive('n', [], build)]);
    expect([a, b, builds]).toEqual([1, 1, 1]);
    expect(tables.peek('n')).toBe(1);

    await expect(tables.derive('bad', [], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await tables.derive('bad', [], async () => 'second try')).toBe('second try');
  });
});
