import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { DataSource } from 'typeorm';
import { GraphQLSchema } from 'graphql';
import { createResponseCache, ResponseCache } from '../../src/core/cache';
import type { ExecutorOptions } from '../../src/core/compiled-executor';
import { DatabaseSettings, RedisSettings } from '../../src/core/config';
import { createDataSource } from '../../src/app/data-source';
import { createContext, Context } from '../../src/core/context';
import { prepareDatabase } from '../../src/app/database';
import { createLogger, Logger } from '../../src/core/logger';
import type { Layer } from '../../src/core/layers';
import { StatementCount, withStatementCount } from '../../src/core/query-counter';
import { AppDeps, createApollo, createHttpApp, Readiness } from '../../src/app/server';
import { createSchema } from '../../src/app/schema';
import { openTestDataSource } from './database';
import { copyOfTemplate, renewIdentity, TemplateKind } from './templates';
import { seedTreeDigest } from './seed-tree';

export const SEEDS_DIR = join(__dirname, '..', '..', 'seeds');

let seedsDigest: string | undefined;
/** Whether `dir` is seeds/ or a byte-identical copy of it (one the test has not edited yet). */
function holdsTheSeeds(dir: string): boolean {
  if (dir === SEEDS_DIR) return true;
  seedsDigest ??= seedTreeDigest(SEEDS_DIR);
  return seedTreeDigest(dir) === seedsDigest;
}

export interface Result<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
  statements: number;
  /** Whether the response cache answered (Apollo sets `age` on a replayed response). */
  cached?: boolean;
}

/**
 * A real server over a fresh database (SQLite, or a PostgreSQL schema under
 * `npm run test:postgres`) built by the real migrations and seed loader.
 */
export class TestServer {
  private constructor(
    readonly db: DataSource,
    readonly apollo: ApolloServer<Context>,
    private readonly close: () => Promise<void>,
    /** The response cache, when the server was started with one. */
    readonly cache: ResponseCache | null = null,
    /** The database's settings, for a second server on the same database. */
    readonly settings: DatabaseSettings | null = null,
  ) {}

  static async start(
    options: {
      seedsDir?: string | null;
      production?: boolean;
      /** Cache whole responses as a deployed server does (in this process, or in Redis). */
      responseCache?: { redis?: RedisSettings | null; pollMs?: number };
      /** Default: every operation compiled from its first run, so the suite checks the executor production uses. */
      executor?: ExecutorOptions;
      /** Default: the application's schema. */
      schema?: GraphQLSchema;
      /** Serve the database of this server (as a replica would: its own connection and caches) instead of a fresh one. */
      sameDatabaseAs?: TestServer;
      /** HTTP_CACHE_MAX_AGE; default as deployed (60 s: Apollo's cache-control plugin wraps every field). */
      httpCacheMaxAge?: number;
      /** BENCH_LAYERS_OFF: the layers to leave out, as the benchmark does. */
      layersOff?: Layer[];
    } = {},
  ): Promise<TestServer> {
    let db: DataSource;
    let close: () => Promise<void>;
    let settings: DatabaseSettings;
    if (options.sameDatabaseAs) {
      settings = options.sameDatabaseAs.settings as DatabaseSettings;
      const own = createDataSource(settings);
      await own.initialize();
      [db, close] = [own, () => own.destroy()];
    } else {
      ({ db, close, settings } = await openPrepared(
        'test',
        options.seedsDir === undefined ? SEEDS_DIR : options.seedsDir,
      ));
    }
    const logger = createLogger('silent');
    const cache = options.responseCache
      ? await createResponseCache({
          db,
          logger,
          redis: options.responseCache.redis ?? null,
          pollMs: options.responseCache.pollMs,
        })
      : null;
    const apollo = createApollo({
      config: {
        nodeEnv: options.production ? 'production' : 'test',
        // the suite's in-process servers show internal errors, as EXPOSE_STACK_TRACES=true does
        exposeStackTraces: !options.production,
        introspection: true,
        executor: options.executor ?? { kind: 'jit', compileAfter: 1 },
        ...(options.httpCacheMaxAge !== undefined
          ? { httpCacheMaxAge: options.httpCacheMaxAge }
          : {}),
        ...(options.layersOff ? { layersOff: options.layersOff } : {}),
      },
      db,
      schema: options.schema ?? (await createSchema()),
      logger,
      readiness: { seeded: true, shuttingDown: false },
      ...(cache ? { responseCache: cache } : {}),
    });
    await apollo.start();
    return new TestServer(db, apollo, close, cache, settings);
  }

  /** Runs one operation through Apollo, counting the SQL statements it issues. */
  async run<T = any>(query: string, variables?: Record<string, unknown>): Promise<Result<T>> {
    const sql: StatementCount = { statements: 0 };
    const response = await withStatementCount(sql, () =>
      this.apollo.executeOperation(
        { query, variables },
        { contextValue: createContext(this.db, 'test', sql) },
      ),
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = response.body.singleResult;
    const result: Result<T> = {
      data: data as T,
      errors: errors as Result['errors'],
      statements: sql.statements,
    };
    if (this.cache) result.cached = response.http.headers.get('age') !== undefined;
    return result;
  }

  /** Runs an operation that must succeed, returning its data. */
  async data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const result = await this.run<T>(query, variables);
    if (result.errors?.length)
      throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  async stop(): Promise<void> {
    await this.apollo.stop();
    await this.cache?.close();
    await this.close();
  }
}

/**
 * A connected database, migrated, and seeded from `seedsDir` unless it is null: a copy of the
 * run's template when one matches (seeds/ or an unedited copy of it, or none), otherwise made by the migrations and the
 * seed loader here.
 */
export async function openPrepared(
  label: string,
  seedsDir: string | null,
): Promise<{ db: DataSource; close: () => Promise<void>; settings: DatabaseSettings }> {
  const kind: TemplateKind | null =
    seedsDir === null ? 'migrated' : holdsTheSeeds(seedsDir) ? 'seeded' : null;
  const copy = kind ? await copyOfTemplate(kind, label) : null;
  if (copy) {
    const db = createDataSource(copy.settings);
    try {
      await db.initialize();
      await renewIdentity(db);
    } catch (err) {
      if (db.isInitialized) await db.destroy();
      await copy.dispose();
      throw err;
    }
    return {
      db,
      settings: copy.settings,
      async close() {
        if (db.isInitialized) await db.destroy();
        await copy.dispose();
      },
    };
  }
  const { db, close, database } = await openTestDataSource(label);
  if (seedsDir === null) await db.runMigrations();
  else await prepareDatabase(db, seedsDir);
  return { db, close, settings: database.settings };
}

/** The full HTTP app on an ephemeral port; `options` overrides settings (e.g. `security`) or the logger. */
export async function startHttp(
  readiness: Readiness = { seeded: true, shuttingDown: false },
  options: {
    config?: Partial<AppDeps['config']>;
    logger?: Logger;
    /** Cache whole responses in this process, as a deployed server does. */
    responseCache?: boolean;
  } = {},
) {
  const { db, close } = await openPrepared('http', SEEDS_DIR);
  const cache = options.responseCache
    ? await createResponseCache({ db, logger: createLogger('silent'), redis: null, pollMs: 60_000 })
    : undefined;
  const { httpServer, apollo } = await createHttpApp({
    ...(cache ? { responseCache: cache } : {}),
    config: { nodeEnv: 'production', introspection: true, ...options.config },
    db,
    schema: await createSchema(),
    logger: options.logger ?? createLogger('silent'),
    readiness,
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    url,
    db,
    apollo,
    cache,
    readiness,
    async stop() {
      await apollo.stop();
      await cache?.close();
      await close();
    },
  };
}

/** The first error's code, for assertions. */
export const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;

/** A response body as loosely typed JSON, for assertions. */
export const json = async (res: Response): Promise<any> => res.json();
