import { randomBytes } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { DataSource } from 'typeorm';
import { DatabaseSettings } from '../../src/core/config';
import { Context, createContext } from '../../src/core/context';
import { createDataSource } from '../../src/app/data-source';
import { prepareDatabase } from '../../src/app/database';
import { createLogger } from '../../src/core/logger';
import { createApollo } from '../../src/app/server';
import { createSchema } from '../../src/app/schema';
import { createTestDatabase, TestDatabase } from '../support/database';
import { SEEDS_DIR } from '../support/server';

/** The same database under another application_name, so its connections can be told apart. */
const tagged = (url: string, name: string) => {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
};

describe('Read replicas (PostgreSQL, DATABASE_READ_URLS)', () => {
  const readName = `careergraph-read-${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let db: DataSource;
  let apollo: ApolloServer<Context>;

  beforeAll(async () => {
    database = await createTestDatabase('replication');
    const primary = database.settings as Extract<DatabaseSettings, { type: 'postgres' }>;
    // The primary listed again as the only read replica, under a name we can find it by.
    db = createDataSource({ ...primary, readUrls: [tagged(primary.url, readName)] });
    await db.initialize();
    await prepareDatabase(db, SEEDS_DIR);
    apollo = createApollo({
      config: { nodeEnv: 'test', introspection: true },
      db,
      schema: await createSchema(),
      logger: createLogger('silent'),
      readiness: { seeded: true, shuttingDown: false },
    });
    await apollo.start();
  });
  afterAll(async () => {
    await apollo?.stop();
    if (db?.isInitialized) await db.destroy();
    await database?.dispose();
  });

  const run = async (query: string) => {
    const response = await apollo.executeOperation(
      { query },
      { contextValue: createContext(db, 'test') },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  it('should migrate, seed and answer with a read replica configured', async () => {
    const result = await run(/* GraphQL */ `
      {
        role(slug: "backend-developer") {
          slug
          levels {
            slug
          }
        }
        roles(first: 3) {
          totalCount
        }
        search(query: "kubernetes", first: 1) {
          node {
            ... on Skill {
              slug
            }
          }
        }
      }
    `);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      role: {
        slug: 'backend-developer',
        levels: expect.arrayContaining([{ slug: 'junior-backend-developer' }]),
      },
      search: [{ node: { slug: 'kubernetes' } }],
    });
    expect((result.data as any).roles.totalCount).toBeGreaterThan(10);
  });

  it('should send filtered reads to the read replica', async () => {
    await run(/* GraphQL */ `
      {
        employers(first: 2) {
          nodes {
            slug
          }
        }
      }
    `);
    const rows: { query: string }[] = await db.query(
      'SELECT query FROM pg_stat_activity WHERE application_name = $1',
      [readName],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => /FROM "employers"/.test(r.query))).toBe(true);
  });

  it('should read the tables it keeps per graph version from the primary, never from a replica that may lag', async () => {
    await run(/* GraphQL */ `
      {
        certifications(first: 2) {
          nodes {
            slug
          }
        }
      }
    `);
    const rows: { query: string }[] = await db.query(
      'SELECT query FROM pg_stat_activity WHERE application_name = $1',
      [readName],
    );
    expect(rows.some((r) => /FROM "certifications"/.test(r.query))).toBe(false);
  });
});
