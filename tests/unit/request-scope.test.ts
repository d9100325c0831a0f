import {
  carryRequestScope,
  currentRequestScope,
  requestScopeEnabled,
  withinLazyRequestScope,
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

  describe('held lazily (a query that answered at once last time)', () => {
    it('should hold the scope while its code runs, without turning the storage on', () => {
      const sql = { statements: 4 };
      const seen = withinLazyRequestScope({ sql }, () => {
        expect(requestScopeEnabled()).toBe(false);
        return currentRequestScope()?.sql;
      });
      expect(seen).toBe(sql);
      expect(currentRequestScope()).toBeUndefined();
    });

    it("should carry each one's scope past its awaits once its code starts waiting", async () => {
      const work = (n: number) =>
        withinLazyRequestScope({ sql: { statements: n } }, () => {
          carryRequestScope();
          return (async () => {
            await tick();
            return currentRequestScope()?.sql?.statements;
          })();
        });
      const running = [work(1), work(2)];
      expect(currentRequestScope()).toBeUndefined(); // the caller's code after it has none
      expect(requestScopeEnabled()).toBe(true);
      expect(await Promise.all(running)).toEqual([1, 2]);
      await tick();
      expect(requestScopeEnabled()).toBe(false);
    });

    it('should lose the scope past an await that nothing carried it over (why every way to the database carries it)', async () => {
      const seen = await withinLazyRequestScope({ sql: { statements: 1 } }, async () => {
        await tick();
        return currentRequestScope();
      });
      expect(seen).toBeUndefined();
    });

    it('should turn the storage off when its code throws after carrying the scope', () => {
      expect(() =>
        withinLazyRequestScope({}, () => {
          carryRequestScope();
          throw new Error('thrown');
        }),
      ).toThrow('thrown');
      expect(requestScopeEnabled()).toBe(false);
      expect(currentRequestScope()).toBeUndefined();
    });

    it("should give a scope entered inside it the lazy scope's parts", async () => {
      const sql = { statements: 2 };
      const seen = await withinLazyRequestScope({ sql }, () =>
        withinRequestScope({}, async () => {
          await tick();
          return currentRequestScope()?.sql;
        }),
      );
      expect(seen).toBe(sql);
    });
  });
});
