import { DataSource } from 'typeorm';
import { createContext } from '../../src/core/context';
import { perGraphVersion } from '../../src/core/graph-snapshot';

/** A stand-in database whose graph_state version the test moves by hand. */
function fakeDb(version: { value: number }): DataSource {
  return { query: async () => [{ version: version.value }] } as unknown as DataSource;
}

describe('Per-graph-version snapshots', () => {
  it('should build once per version and again after the version moves', async () => {
    const version = { value: 1 };
    const db = fakeDb(version);
    let builds = 0;
    const snapshot = perGraphVersion(async () => ++builds);
    expect(await snapshot(createContext(db, 'a'))).toBe(1);
    expect(await snapshot(createContext(db, 'b'))).toBe(1);
    version.value = 2;
    expect(await snapshot(createContext(db, 'c'))).toBe(2);
    expect(builds).toBe(2);
  });

  it('should keep databases apart and not keep a failed build', async () => {
    const version = { value: 1 };
    const [a, b] = [fakeDb(version), fakeDb(version)];
    let fail = true;
    const snapshot = perGraphVersion(async (db) => {
      if (fail) throw new Error('boom');
      return db === a ? 'a' : 'b';
    });
    await expect(snapshot(createContext(a, 'x'))).rejects.toThrow('boom');
    fail = false;
    expect(await snapshot(createContext(a, 'y'))).toBe('a');
    expect(await snapshot(createContext(b, 'z'))).toBe('b');
  });
});
