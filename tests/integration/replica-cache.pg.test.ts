import { ApolloServer } from '@apollo/server';
import { DataSource } from 'typeorm';
import { createResponseCache, ResponseCache } from '../../src/core/cache';
import { DatabaseSettings } from '../../src/core/config';
import { Context, createContext } from '../../src/core/context';
import { createDataSource } from '../../src/app/data-source';
import { prepareDatabase } from '../../src/app/database';
import { createLogger } from '../../src/core/logger';
import { StatementCount, withStatementCount } from '../../src/core/query-counter';
import { createApollo } from '../../src/app/server';
import { createSchema } from '../../src/app/schema';
import { createTestDatabase, TestDatabase } from '../support/database';
import { SEEDS_DIR } from '../support/server';

type Postgres = Extract<DatabaseSettings, { type: 'postgres' }>;

const IN_HEALTHCARE = /* GraphQL */ `
  {
    employers(filter: { sector: "healthcare-technology" }, first: 20) {
      nodes {
        slug
      }
    }
  }
`;

const LINK_AMAZON = `INSERT INTO employer_sectors (employer_id, sector_id)
  SELECT e.id, s.id FROM employers e, sectors s
  WHERE e.slug = 'amazon' AND s.slug = 'healthcare-technology'`;

/**
 * A read replica lags the primary (DATABASE_READ_URLS): a filtered read right after a write may
 * come from it and miss the write. That answer must not be kept in the response cache under the
 * new graph version, or every server sharing the cache serves it for HTTP_CACHE_MAX_AGE (60 s)
 * after the replica caught up, the server that made the write included.
 */
describe('Response cache beside a lagging read replica (PostgreSQL, DATABASE_READ_URLS)', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let db: DataSource;
  let replicaDb: DataSource;
  let cache: ResponseCache;
  let apollo: ApolloServer<Context>;

  beforeAll(async () => {
    primary = await createTestDatabase('replica_cache_primary');
    replica = await createTestDatabase('replica_cache_replica');
    // the "replica": the same seeds in a schema of its own, which receives the write late
    replicaDb = createDataSource(replica.settings);
    await replicaDb.initialize();
    await prepareDatabase(replicaDb, SEEDS_DIR);
    db = createDataSource({
      ...(primary.settings as Postgres),
      readUrls: [(replica.settings as Postgres).url],
    });
    await db.initialize();
    await prepareDatabase(db, SEEDS_DIR);
    const logger = createLogger('silent');
    cache = await createResponseCache({ db, logger, redis: null, pollMs: 60_000 });
    apollo = createApollo({
      config: { nodeEnv: 'test', introspection: true },
      db,
      schema: await createSchema(),
      logger,
      readiness: { seeded: true, shuttingDown: false },
      responseCache: cache,
    });
    await apollo.start();
  });
  afterAll(async () => {
    await apollo?.stop();
    await cache?.close();
    if (db?.isInitialized) await db.destroy();
    if (replicaDb?.isInitialized) await replicaDb.destroy();
    await primary?.dispose();
    await replica?.dispose();
  });

  const slugs = async (): Promise<string[]> => {
    const sql: StatementCount = { statements: 0 };
    const response = await withStatementCount(sql, () =>
      apollo.executeOperation(
        { query: IN_HEALTHCARE },
        { contextValue: createContext(db, 'test', sql) },
      ),
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    expect(errors).toBeUndefined();
    return (data as { employers: { nodes: { slug: string }[] } }).employers.nodes.map(
      (n) => n.slug,
    );
  };

  it('should answer from the replica once it caught up, not from an answer cached while it lagged', async () => {
    expect(await slugs()).not.toContain('amazon');
    // a write commits on the primary and moves the graph version on
    await db.transaction(async (em) => {
      await em.query(LINK_AMAZON);
      await em.query('UPDATE graph_state SET version = version + 1 WHERE id = 1');
    });
    await cache.refresh();
    // the replica has not replayed it yet: this answer is older than its graph version says
    expect(await slugs()).not.toContain('amazon');
    // the replica catches up
    await replicaDb.query(LINK_AMAZON);
    expect(await slugs()).toContain('amazon');
  });
});
