import { createContext } from '../../src/core/context';
import { createApollo } from '../../src/app/server';
import { createLogger } from '../../src/core/logger';
import { createSchema } from '../../src/app/schema';
import { DataSource } from 'typeorm';

describe('Introspection setting', () => {
  const apolloWith = async (introspection: boolean) => {
    const apollo = createApollo({
      config: { nodeEnv: 'production', introspection },
      db: {} as DataSource,
      schema: await createSchema(),
      logger: createLogger('silent'),
      readiness: { seeded: true, shuttingDown: false },
    });
    await apollo.start();
    return apollo;
  };
  const introspect = async (introspection: boolean) => {
    const apollo = await apolloWith(introspection);
    try {
      const res = await apollo.executeOperation(
        { query: '{ __schema { queryType { name } } }' },
        { contextValue: createContext({} as DataSource, 'introspection-test') },
      );
      return res.body.kind === 'single' ? res.body.singleResult : null;
    } finally {
      await apollo.stop();
    }
  };

  it('should answer introspection in production by default', async () => {
    expect((await introspect(true))?.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('should refuse it when INTROSPECTION=false', async () => {
    const result = await introspect(false);
    expect(result?.data).toBeUndefined();
    expect(result?.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
