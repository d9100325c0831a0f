import {
  currentRequestScope,
  requestScopeEnabled,
  withinRequestScope,
  withRequestScope,
} from '../../src/core/request-scope';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('request scope', () => {
  it('should give each scope its own store across awaits, and none outside', async () => {
    const seen: number[] = [];
    const work = (n: number) =>
      withRequestScope({ sql: { statements: n } }, async () => {
        await tick();
        seen.push(currentRequestScope()!.sql!.statements);
        await tick();
        return currentRequestScope()!.sql!.statements;
      });
    expect(await Promise.all([work(1), work(2), work(3)])).toEqual([1, 2, 3]);
    expect(seen.sort()).toEqual([1, 2, 3]);
    expect(currentRequestScope()).toBeUndefined();
  });

  it('should turn the storage off once the last scope in progress ends', async () => {
    expect(requestScopeEnabled()).toBe(false);
    let release!: () => void;
    const outer = withRequestScope(
      { sql: { statements: 0 } },
      () => new Promise<void>((r) => (release = r)),
    );
    const inner = withinRequestScope({}, async () => {
      await tick();
      return currentRequestScope()?.sql;
    });
    expect(requestScopeEnabled()).toBe(true);
    expect(await inner).toBeUndefined(); // entered outside the other scope: it sees no counter
    expect(requestScopeEnabled()).toBe(true); // the first is still in progress
    release();
    await outer;
    await tick();
    expect(requestScopeEnabled()).toBe(false);
    expect(() =>
      withRequestScope({}, () => {
        throw new Error('thrown');
      }),
    ).toThrow('thrown');
    expect(requestScopeEnabled()).toBe(false);
  });
});
