import { ArgumentValidationError, MiddlewareFn } from 'type-graphql';
import { refuseUnhonouredOptions } from '../../src/core/lean-resolvers';
import { buildLeanSchema, buildOptions } from '../../src/app/schema';

const counting: MiddlewareFn = (_data, next) => next();

describe('The lean resolver pass', () => {
  it('should refuse to build the schema when a global middleware is set, naming the lean pass', async () => {
    await expect(
      buildLeanSchema({ ...buildOptions(), globalMiddlewares: [counting] }),
    ).rejects.toThrow(
      /lean resolver pass \(src\/core\/lean-resolvers\.ts\) does not honour type-graphql's `globalMiddlewares`/,
    );
  });

  it('should refuse a DI container, and an option it was never checked against', () => {
    expect(() =>
      refuseUnhonouredOptions({ ...buildOptions(), container: { get: () => ({}) } }),
    ).toThrow(/lean resolver pass.*`container`/);
    expect(() =>
      refuseUnhonouredOptions({ ...buildOptions(), someNewOption: true } as never),
    ).toThrow(/lean resolver pass.*`someNewOption`/);
  });

  it('should build with the options the application uses, and with an empty middleware list', async () => {
    expect(() =>
      refuseUnhonouredOptions({ ...buildOptions(), globalMiddlewares: [] }),
    ).not.toThrow();
    const schema = await buildLeanSchema();
    expect(schema.getQueryType()?.getFields().role).toBeDefined();
  });

  it('should call a query with arguments at once when its loaders answer at once', async () => {
    const schema = await buildLeanSchema();
    const role = { id: 7, slug: 'backend-developer' };
    const ctx = { loaders: { load: () => role } };
    const answer = schema.getQueryType()!.getFields().role.resolve!(
      undefined,
      { slug: 'backend-developer' },
      ctx,
      {} as never,
    );
    expect(answer).toBe(role);
  });

  it("should still reject an argument its constraints refuse, with type-graphql's error", async () => {
    const schema = await buildLeanSchema();
    const called = jest.fn();
    const answer = schema.getQueryType()!.getFields().skillGap.resolve!(
      undefined,
      { target: 'x'.repeat(121), have: [] },
      { loaders: { load: called } },
      {} as never,
    );
    await expect(answer).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(answer).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(called).not.toHaveBeenCalled();
  });
});
