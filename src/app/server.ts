import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import express, { NextFunction, Request, Response } from 'express';
import { GraphQLSchema, printSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { Config, DEFAULT_HTTP, parseExecutor } from '../core/config';
import { authenticate } from '../core/auth/keys';
import { Context, createContext } from '../core/context';
import type { ResponseCache } from '../core/cache';
import type { ResponseCacheHooks } from '../core/cache/response-cache';
import { cacheControl, compressResponses, etagPart } from '../core/http-cache';
import { failedRequestAnswer, graphqlRoute } from '../core/http/graphql-route';
import { clientAddress } from '../core/http/client-address';
import { withRequestScope } from '../core/request-scope';
import { NodeRequest } from '../core/http/node-http';
import { endNow, endWithTurn } from '../core/http/end-together';
import { Layer } from '../core/layers';
import { metricsHandler, Tracing } from '../core/metrics';
import { metricsPart } from '../core/metrics/metrics.plugin';
import { partsPlugin, RequestPart } from '../core/request-parts';
import { playground } from '../core/playground';
import { mcpRouter } from '../mcp/http';
import { drainPlugin } from '../core/drain.plugin';
import { answerBodyPart, stringifyAnswer } from '../core/http/answer-body';
import { graphVersionPart } from '../modules/changes/graph-version.plugin';
import { jsonLdRouter } from '../modules/json-ld/json-ld.route';
import { keepSearchAnswers } from '../modules/search/search.service';
import { CompiledExecutor, compiledExecutorGateway } from '../core/compiled-executor';
import { formatError } from '../core/format-error';
import { createSecurity, DEFAULT_SECURITY, Security } from '../core/limits';
import { clientIdOf } from '../core/limits/rate-limit';
import { Logger } from '../core/logger';
import { boundedDocumentStore, boundedServerCache } from '../core/request-caches';
import { keepNegotiations } from '../core/kept-negotiations';
import { keepQueryHashes } from '../core/query-hashes';
import { classifyDatabaseError, serviceUnavailable, writesReady } from '../core/writes';

/** Whether the database is migrated, seeded and answering. */
export interface Readiness {
  seeded: boolean;
  shuttingDown: boolean;
}

export interface AppDeps {
  config: Pick<Config, 'nodeEnv' | 'introspection'> &
    Partial<
      Pick<
        Config,
        | 'playground'
        | 'httpCacheMaxAge'
        | 'security'
        | 'redis'
        | 'executor'
        | 'exposeStackTraces'
        | 'http'
        | 'requestDeadlineMs'
        | 'layersOff'
      >
    >;
  db: DataSource;
  schema: GraphQLSchema;
  logger: Logger;
  readiness: Readiness;
  /** Whole-response cache keyed by the graph version (src/core/cache); none in most tests. */
  responseCache?: Pick<ResponseCache, 'forServer'>;
  /** OpenTelemetry spans per operation (src/core/metrics/tracing.ts), when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  tracing?: Pick<Tracing, 'plugin'>;
}

/** Reports each request's SQL statement count in `extensions`, and logs the request. */
function statementsPart(logger: Logger): RequestPart<Context, number> {
  // the level is set once, at start (LOG_LEVEL)
  const logs = logger.isLevelEnabled('info');
  return {
    start: () => performance.now(),
    willSendResponse({ response, operationName, contextValue: ctx, errors }, started) {
      if (response.body.kind === 'single') {
        const result = response.body.singleResult;
        const extensions = result.extensions;
        // A new result of the three fields Apollo writes out: adding a field to the one Apollo
        // made (a spread) cost 3 µs a request, where this costs under 1. The extensions are a
        // copy: the object may be the executor's or a cached answer's.
        response.body.singleResult = {
          data: result.data,
          errors: result.errors,
          extensions: extensions
            ? { ...extensions, sqlStatements: ctx.sql.statements }
            : { sqlStatements: ctx.sql.statements },
        };
      }
      if (!logs) return;
      logger.info(
        {
          requestId: ctx.requestId,
          operationName: operationName ?? null,
          ms: performance.now() - started,
          sqlStatements: ctx.sql.statements,
          errors: errors?.length ?? 0,
        },
        'graphql request',
      );
    },
  };
}

/**
 * The response cache's hooks for this server, or none with a max-age of 0 (nothing is cacheable:
 * the hooks would only hash and look up every request). Entries are shared only by servers with
 * the same query limits, layers and schema, which decide what a stored answer's query passes.
 */
function responseCacheHooks(deps: AppDeps): ResponseCacheHooks | undefined {
  if ((deps.config.httpCacheMaxAge ?? 60) <= 0 || !deps.responseCache) return undefined;
  const server = JSON.stringify({
    limits: deps.config.security?.limits ?? DEFAULT_SECURITY.limits,
    layersOff: deps.config.layersOff ?? [],
    schema: printSchema(deps.schema),
  });
  return deps.responseCache.forServer(server);
}

export function createApollo(
  deps: AppDeps,
  httpServer?: http.Server,
  security: Security = createSecurity(deps.config.security, {
    redis: deps.config.redis,
    logger: deps.logger,
    db: deps.db,
  }),
  responseCache: ResponseCacheHooks | undefined = responseCacheHooks(deps),
): ApolloServer<Context> {
  // Errors are masked (no stack traces, no internal messages) unless EXPOSE_STACK_TRACES asks.
  const production = deps.config.nodeEnv === 'production' || !deps.config.exposeStackTraces;
  const { kind, ...executorOptions } = deps.config.executor ?? parseExecutor(undefined);
  const off = new Set<Layer>(deps.config.layersOff ?? []);
  const on = <T>(layer: Layer, items: T[]): T[] => (off.has(layer) ? [] : items);
  keepSearchAnswers(!off.has('search-answers'));
  keepQueryHashes();
  keepNegotiations();
  const cache = cacheControl(deps.config.httpCacheMaxAge ?? 60);
  return new ApolloServer<Context>({
    // through our executor (compiling unless the benchmark turned jit off), which runs execution
    // in the request's scope; GRAPHQL_EXECUTOR=graphql-js is Apollo's own, and the HTTP route
    // then puts the scope around the whole request (src/core/http/graphql-route.ts)
    ...(kind === 'jit'
      ? {
          gateway: compiledExecutorGateway(
            deps.schema,
            new CompiledExecutor(deps.schema, executorOptions, {
              compile: !off.has('jit'),
              scoped: !off.has('async-scope'),
            }),
          ),
        }
      : { schema: deps.schema }),
    introspection: deps.config.introspection,
    documentStore: boundedDocumentStore(),
    cache: boundedServerCache(),
    includeStacktraceInErrorResponses: !production,
    stringifyResult: stringifyAnswer,
    // main.ts drains on SIGTERM/SIGINT itself; Apollo's own handlers would race it (a second
    // concurrent stop() never resolves in @apollo/server 5) and hang the shutdown
    stopOnTerminationSignals: false,
    formatError: formatError(production, (err, requestId) =>
      deps.logger.error({ err, requestId }, 'unexpected error'),
    ),
    ...security.apollo,
    ...(off.has('query-limits') ? { validationRules: [] } : {}),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // not a federation subgraph: Apollo would install its inline trace plugin, whose async
      // requestDidStart every request awaits only to learn it is off
      ApolloServerPluginInlineTraceDisabled(),
      // Per-request work in one plugin: those that answer at once first (the cache-control
      // guard must act before Apollo's cache-control plugin writes the header), then those
      // that may wait (the rate limiter, the graph version).
      partsPlugin([
        ...on('cache-control', [cache.part]),
        ...on('statements-plugin', [statementsPart(deps.logger)]),
        ...security.parts.filter(({ layer }) => !off.has(layer)).map(({ part }) => part),
        ...on('metrics', [metricsPart({ responseCache: Boolean(responseCache) })]),
        ...on('graph-version', [graphVersionPart]),
        ...on('etag', [etagPart]),
        // it stores the answer as the parts before it finished it
        ...(responseCache ? [responseCache.part] : []),
        // last: the answer's data is final
        answerBodyPart,
      ]),
      ...security.plugins,
      off.has('cache-control') ? ApolloServerPluginCacheControlDisabled() : cache.plugin,
      ...(deps.tracing ? [deps.tracing.plugin] : []),
      ...(httpServer ? on('drain', [drainPlugin(httpServer)]) : []),
    ],
  });
}

/**
 * The HTTP app: /graphql on node:http directly (src/core/http/graphql-route.ts), every other
 * route (playground, /metrics, /healthz, /readyz, MCP, JSON-LD) on Express. Call
 * `apollo.start()` before listening.
 */
export async function createHttpApp(deps: AppDeps) {
  const app = express();
  const limits = deps.config.http ?? DEFAULT_HTTP;
  const off = new Set<Layer>(deps.config.layersOff ?? []);
  let graphql: (req: NodeRequest, res: http.ServerResponse) => void = () => undefined;
  const playgroundOn = deps.config.playground ?? true;
  const httpServer = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // how often node:http looks for connections past those timeouts (30 s by default)
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    (req, res) => {
      // Express only for what is not a GraphQL request: a browser's GET of the playground, other
      // routes, and spellings of the path Express also matches (/GraphQL, /graphql/)
      if (
        isGraphqlPath(req.url) &&
        !(playgroundOn && (req.method === 'GET' || req.method === 'HEAD') && mayWantHtml(req))
      )
        graphql(req, res);
      else app(req, res);
    },
  );
  httpServer.keepAliveTimeout = limits.keepAliveTimeoutMs;
  httpServer.maxConnections = limits.maxConnections;
  const security = createSecurity(deps.config.security, {
    redis: deps.config.redis,
    logger: deps.logger,
    db: deps.db,
  });
  const responseCache = responseCacheHooks(deps);
  const apollo = createApollo(deps, httpServer, security, responseCache);
  await apollo.start();

  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.security?.transport.trustProxy ?? 0);
  const trustProxy = deps.config.security?.transport.trustProxy ?? 0;
  const { buckets } = security;
  const endResponse = off.has('ends-together') ? endNow : endWithTurn;
  graphql = graphqlRoute({
    apollo,
    logger: deps.logger,
    deadlineMs: off.has('deadline') ? 0 : (deps.config.requestDeadlineMs ?? 15_000),
    cors: off.has('cors') ? undefined : security.cors,
    afterBody: off.has('body-checks') ? [] : security.afterBody,
    scopeAroundApollo: (deps.config.executor?.kind ?? 'jit') !== 'jit' && !off.has('async-scope'),
    // with traces exported, every request goes through Apollo, whose plugin makes its span
    beforeApollo:
      responseCache && !deps.tracing && !off.has('response-replay')
        ? responseCache.replay({
            logger: deps.logger,
            log: !off.has('statements-plugin'),
            metrics: !off.has('metrics'),
            etag: !off.has('etag'),
            compression: !off.has('compression'),
            end: endResponse,
            ...(buckets && !off.has('cost')
              ? {
                  spend: (req, points) =>
                    buckets.take(clientIdOf({ clientIp: clientAddress(req, trustProxy) }), points),
                }
              : {}),
          })
        : undefined,
    endResponse,
    without: {
      requestId: off.has('request-id'),
      compression: off.has('compression'),
    },
    context: async (req, requestId, sql, deadline, answerBody) => {
      // no Authorization header: anonymous, with no lookup to wait for
      const header = off.has('auth') ? undefined : req.headers.authorization;
      const auth = header
        ? await withRequestScope({ sql, deadline }, () => authenticate(deps.db, header)).catch(
            unavailableAsCoded,
          )
        : null;
      const context: Context = createContext(deps.db, requestId, sql, auth);
      context.clientIp = clientAddress(req, trustProxy);
      context.deadline = deadline;
      context.answerBody = answerBody;
      return context;
    },
  });

  app.use('/graphql', security.cors); // first, so preflights get an answer before any other route
  app.use(['/metrics', '/playground'], compressResponses());
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

  // the playground passes on what is not a browser's GET: those and other spellings of the path
  app.use('/graphql', (req: Request, res: Response) => graphql(req, res));
  app.use(
    (
      err: Error & { status?: number; type?: string },
      _req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      const requestId = res.locals.requestId as string | undefined;
      if (res.headersSent) return; // answered already (the request deadline), and the late answer failed
      const { status, body } = failedRequestAnswer(err, requestId, deps.logger);
      res.status(status).json(body);
    },
  );
  return { app, httpServer, apollo };
}

/** A key lookup the database could not answer is SERVICE_UNAVAILABLE, not a failed context (500). */
function unavailableAsCoded(err: unknown): never {
  const fault = classifyDatabaseError(err);
  throw fault?.kind === 'unavailable' ? serviceUnavailable(fault.reason) : err;
}

/** Whether a request URL's path is /graphql exactly (a query string aside). */
function isGraphqlPath(url: string | undefined): boolean {
  return url !== undefined && url.startsWith('/graphql') && (url.length === 8 || url[8] === '?');
}

/** Whether a GET may be a browser's (the playground decides): its Accept names HTML. */
function mayWantHtml(req: http.IncomingMessage): boolean {
  const accept = req.headers.accept;
  return accept !== undefined && accept.includes('html');
}

async function databaseAnswers(db: DataSource): Promise<boolean> {
  try {
    return await Promise.race([
      db.query('SELECT 1').then(() => writesReady(db)),
      new Promise<boolean>((_, reject) =>
        setTimeout(() => reject(new Error('timeout')), 2000).unref(),
      ),
    ]);
  } catch {
    return false;
  }
}
