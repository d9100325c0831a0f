import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { NextFunction, Request, Response } from 'express';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { Config, DEFAULT_HTTP, parseExecutor } from '../core/config';
import { authenticate } from '../core/auth/keys';
import { Context, createContext } from '../core/context';
import type { ResponseCache } from '../core/cache';
import { cacheControlPlugins, compressResponses, etagPlugin } from '../core/http-cache';
import { metricsHandler, metricsPlugin, recordError, Tracing } from '../core/metrics';
import { playground } from '../core/playground';
import { mcpRouter } from '../mcp/http';
import { drainPlugin } from '../core/drain.plugin';
import { graphVersionPlugin } from '../modules/changes/graph-version.plugin';
import { jsonLdRouter } from '../modules/json-ld/json-ld.route';
import { CompiledExecutor, compiledExecutorGateway } from '../core/compiled-executor';
import { ErrorCode } from '../core/errors';
import { formatError } from '../core/format-error';
import { createSecurity, Security } from '../core/limits';
import { Logger } from '../core/logger';
import { StatementCount, withStatementCount } from '../core/query-counter';
import { boundedDocumentStore, boundedServerCache } from '../core/request-caches';
import { classifyDatabaseError, Deadline, serviceUnavailable, withDeadline, writesReady } from '../core/writes';

/** Whether the database is migrated, seeded and answering. */
export interface Readiness {
  seeded: boolean;
  shuttingDown: boolean;
}

export interface AppDeps {
  config: Pick<Config, 'nodeEnv' | 'introspection'> &
    Partial<Pick<Config, 'playground' | 'httpCacheMaxAge' | 'security' | 'redis' | 'executor' | 'exposeStackTraces' | 'http' | 'requestDeadlineMs'>>;
  db: DataSource;
  schema: GraphQLSchema;
  logger: Logger;
  readiness: Readiness;
  /** Whole-response cache keyed by the graph version (src/core/cache); none in most tests. */
  responseCache?: Pick<ResponseCache, 'plugin'>;
  /** OpenTelemetry spans per operation (src/core/metrics/tracing.ts), when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing?: Pick<Tracing, 'plugin'>;
}

/** Reports each request's SQL statement count in `extensions`, and logs the request. */
function statementsPlugin(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, contextValue: ctx, errors }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              sqlStatements: ctx.sql.statements,
            };
          }
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName: operationName ?? null,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              sqlStatements: ctx.sql.statements,
              errors: errors?.length ?? 0,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

export function createApollo(
  deps: AppDeps,
  httpServer?: http.Server,
  security: Security = createSecurity(deps.config.security, { redis: deps.config.redis, logger: deps.logger, db: deps.db }),
): ApolloServer<Context> {
  // Errors are masked (no stack traces, no internal messages) unless EXPOSE_STACK_TRACES asks.
  const production = deps.config.nodeEnv === 'production' || !deps.config.exposeStackTraces;
  // with a max-age of 0 nothing is cacheable: the plugin would only hash and look up every request
  const responseCache = (deps.config.httpCacheMaxAge ?? 60) > 0 ? deps.responseCache : undefined;
  const { kind, ...executorOptions } = deps.config.executor ?? parseExecutor(undefined);
  return new ApolloServer<Context>({
    ...(kind === 'jit'
      ? { gateway: compiledExecutorGateway(deps.schema, new CompiledExecutor(deps.schema, executorOptions)) }
      : { schema: deps.schema }),
    introspection: deps.config.introspection,
    documentStore: boundedDocumentStore(),
    cache: boundedServerCache(),
    includeStacktraceInErrorResponses: !production,
    // main.ts drains on SIGTERM/SIGINT itself; Apollo's own handlers would race it (a second
    // concurrent stop() never resolves in @apollo/server 5) and hang the shutdown
    stopOnTerminationSignals: false,
    formatError: formatError(production, (err, requestId) => deps.logger.error({ err, requestId }, 'unexpected error')),
    ...security.apollo,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      statementsPlugin(deps.logger),
      graphVersionPlugin(),
      ...security.plugins,
      metricsPlugin({ responseCache: Boolean(responseCache) }),
      ...cacheControlPlugins(deps.config.httpCacheMaxAge ?? 60),
      etagPlugin(),
      ...(deps.tracing ? [deps.tracing.plugin] : []),
      ...(responseCache ? [responseCache.plugin] : []),
      ...(httpServer ? [drainPlugin(httpServer)] : []),
    ],
  });
}

/** The HTTP app: POST /graphql, /healthz and /readyz. Call `apollo.start()` before listening. */
export async function createHttpApp(deps: AppDeps) {
  const app = express();
  const limits = deps.config.http ?? DEFAULT_HTTP;
  const httpServer = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // how often node:http looks for connections past those timeouts (30 s by default)
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    app,
  );
  httpServer.keepAliveTimeout = limits.keepAliveTimeoutMs;
  httpServer.maxConnections = limits.maxConnections;
  const security = createSecurity(deps.config.security, { redis: deps.config.redis, logger: deps.logger, db: deps.db });
  const apollo = createApollo(deps, httpServer, security);
  await apollo.start();

  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.security?.transport.trustProxy ?? 0);
  app.use('/graphql', security.cors); // first, so preflights get an answer before any other route
  app.use(['/graphql', '/metrics', '/playground'], compressResponses());
  app.get('/metrics', metricsHandler);
  if (deps.config.playground ?? true) app.use(playground());
  app.use('/mcp', security.mcp);
  app.use(mcpRouter(deps.db, deps.logger));
  app.use(jsonLdRouter(deps.db, deps.logger, deps.config.httpCacheMaxAge ?? 60));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // the database answers reads, can commit writes, and is still the file it was at start
    const ready =
      deps.readiness.seeded && !deps.readiness.shuttingDown && (await databaseAnswers(deps.db));
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });

  app.use(
    '/graphql',
    (req: Request, res: Response, next: NextFunction) => {
      const requestId = String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 100);
      res.setHeader('x-request-id', requestId);
      const sql: StatementCount = { statements: 0 };
      res.locals.requestId = requestId;
      res.locals.sql = sql;
      // With the per-request line at the end, shows which requests a shutdown had in flight.
      deps.logger.debug({ requestId, method: req.method }, 'request received');
      withStatementCount(sql, () => next());
    },
    requestDeadline(deps.config.requestDeadlineMs ?? 15_000, deps.logger),
    express.json({ limit: '1mb' }),
    ...security.afterBody,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        ...createContext(
          deps.db,
          res.locals.requestId as string,
          res.locals.sql as StatementCount,
          await authenticate(deps.db, req.headers.authorization).catch(unavailableAsCoded),
        ),
        clientIp: req.ip,
      }),
    }),
  );
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const requestId = res.locals.requestId as string | undefined;
    if (res.headersSent) return; // answered already (the request deadline), and the late answer failed
    const status = err.status ?? 500;
    const code =
      status === 413 ? ErrorCode.PAYLOAD_TOO_LARGE : status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL_SERVER_ERROR;
    const message = status === 413 ? 'Request body is larger than 1 MB' : status < 500 ? 'Request body is not valid JSON' : 'Internal server error';
    if (status >= 500) deps.logger.error({ err, requestId }, 'request failed');
    recordError(code);
    res.status(status).json({ errors: [{ message, extensions: { code, ...(status >= 500 && requestId ? { requestId } : {}) } }] });
  });
  return { app, httpServer, apollo };
}

/** A key lookup the database could not answer is SERVICE_UNAVAILABLE, not a failed context (500). */
function unavailableAsCoded(err: unknown): never {
  const fault = classifyDatabaseError(err);
  throw fault?.kind === 'unavailable' ? serviceUnavailable(fault.reason) : err;
}

/**
 * Answers SERVICE_UNAVAILABLE (503) when a request runs past `ms`, so no client waits on a
 * database that cannot answer for longer than that. A write that is committing holds the answer
 * until its commit's outcome is known (see Deadline); one that had not reached its COMMIT is
 * rolled back, so the refusal is true.
 */
function requestDeadline(ms: number, logger: Logger) {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (ms <= 0) return next();
    const deadline = new Deadline(Date.now() + ms);
    const timer = setTimeout(() => {
      if (res.headersSent || !deadline.expire()) return;
      const requestId = res.locals.requestId as string;
      logger.warn({ requestId, ms }, 'request deadline passed');
      recordError(ErrorCode.SERVICE_UNAVAILABLE);
      res.status(503).json({
        errors: [
          {
            message: `The request did not finish within ${ms} ms (REQUEST_DEADLINE_MS); nothing was written, try again later`,
            extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason: 'deadline', requestId },
          },
        ],
      });
    }, ms);
    res.once('close', () => clearTimeout(timer));
    withDeadline(deadline, () => next());
  };
}

async function databaseAnswers(db: DataSource): Promise<boolean> {
  try {
    return await Promise.race([
      db.query('SELECT 1').then(() => writesReady(db)),
      new Promise<boolean>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
    ]);
  } catch {
    return false;
  }
}
