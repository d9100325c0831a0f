import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { NextFunction, Request, Response } from 'express';
import { GraphQLSchema } from 'graphql';
import { DataSource } from 'typeorm';
import { Config } from './config';
import { authenticate } from './auth/keys';
import { Context, createContext } from './context';
import { formatError } from './format-error';
import { Logger } from './logger';
import { StatementCount, withStatementCount } from './query-counter';

/** Whether the database is migrated, seeded and answering. */
export interface Readiness {
  seeded: boolean;
  shuttingDown: boolean;
}

export interface AppDeps {
  config: Pick<Config, 'nodeEnv' | 'introspection'>;
  db: DataSource;
  schema: GraphQLSchema;
  logger: Logger;
  readiness: Readiness;
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

export function createApollo(deps: AppDeps, httpServer?: http.Server): ApolloServer<Context> {
  const production = deps.config.nodeEnv === 'production';
  return new ApolloServer<Context>({
    schema: deps.schema,
    introspection: deps.config.introspection,
    includeStacktraceInErrorResponses: !production,
    formatError: formatError(production, (err) => deps.logger.error({ err }, 'unexpected error')),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      statementsPlugin(deps.logger),
      ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : []),
    ],
  });
}

/** The HTTP app: POST /graphql, /healthz and /readyz. Call `apollo.start()` before listening. */
export async function createHttpApp(deps: AppDeps) {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = createApollo(deps, httpServer);
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = deps.readiness.seeded && !deps.readiness.shuttingDown && (await databaseAnswers(deps.db));
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
      withStatementCount(sql, () => next());
    },
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        createContext(
          deps.db,
          res.locals.requestId as string,
          res.locals.sql as StatementCount,
          await authenticate(deps.db, req.headers.authorization),
        ),
    }),
  );
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status ?? 500;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    const message = status === 413 ? 'Request body is larger than 1 MB' : status < 500 ? 'Request body is not valid JSON' : 'Internal server error';
    if (status >= 500) deps.logger.error({ err }, 'request failed');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });
  return { app, httpServer, apollo };
}

async function databaseAnswers(db: DataSource): Promise<boolean> {
  try {
    await Promise.race([
      db.query('SELECT 1'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}
