import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { DataSource } from 'typeorm';
import { createContext, Context } from '../../src/core/context';
import { createDataSource } from '../../src/core/data-source';
import { prepareDatabase } from '../../src/core/database';
import { createLogger } from '../../src/core/logger';
import { StatementCount, withStatementCount } from '../../src/core/query-counter';
import { createApollo, createHttpApp, Readiness } from '../../src/core/server';
import { createSchema } from '../../src/schema';

export const SEEDS_DIR = join(__dirname, '..', '..', 'seeds');

export interface Result<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
  statements: number;
}

/** A real server over a fresh SQLite database built by the real migrations and seed loader. */
export class TestServer {
  private constructor(
    readonly db: DataSource,
    readonly apollo: ApolloServer<Context>,
    private readonly dir: string,
  ) {}

  static async start(options: { seedsDir?: string | null; production?: boolean } = {}): Promise<TestServer> {
    const dir = mkdtempSync(join(tmpdir(), 'careergraph-test-'));
    const db = createDataSource({ type: 'sqlite', path: join(dir, 'test.sqlite') });
    await db.initialize();
    if (options.seedsDir === null) await db.runMigrations();
    else await prepareDatabase(db, options.seedsDir ?? SEEDS_DIR);
    const apollo = createApollo({
      config: { nodeEnv: options.production ? 'production' : 'test', introspection: true },
      db,
      schema: await createSchema(),
      logger: createLogger('silent'),
      readiness: { seeded: true, shuttingDown: false },
    });
    await apollo.start();
    return new TestServer(db, apollo, dir);
  }

  /** Runs one operation through Apollo, counting the SQL statements it issues. */
  async run<T = any>(query: string, variables?: Record<string, unknown>): Promise<Result<T>> {
    const sql: StatementCount = { statements: 0 };
    const response = await withStatementCount(sql, () =>
      this.apollo.executeOperation({ query, variables }, { contextValue: createContext(this.db, 'test', sql) }),
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    return { data: data as T, errors: errors as Result['errors'], statements: sql.statements };
  }

  /** Runs an operation that must succeed, returning its data. */
  async data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.run<T>(query, variables);
    if (result.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  async stop(): Promise<void> {
    await this.apollo.stop();
    await this.db.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The full HTTP app on an ephemeral port. */
export async function startHttp(readiness: Readiness = { seeded: true, shuttingDown: false }) {
  const dir = mkdtempSync(join(tmpdir(), 'careergraph-http-'));
  const db = createDataSource({ type: 'sqlite', path: join(dir, 'http.sqlite') });
  await db.initialize();
  await prepareDatabase(db, SEEDS_DIR);
  const { httpServer, apollo } = await createHttpApp({
    config: { nodeEnv: 'production', introspection: true },
    db,
    schema: await createSchema(),
    logger: createLogger('silent'),
    readiness,
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    url,
    db,
    readiness,
    async stop() {
      await apollo.stop();
      if (db.isInitialized) await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first error's code, for assertions. */
export const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;

/** A response body as loosely typed JSON, for assertions. */
export const json = async (res: Response): Promise<any> => res.json();
