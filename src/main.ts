import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { createResponseCache, databaseIdentity } from './core/cache';
import { loadConfigOrExit } from './core/config';
import { createDataSource } from './app/data-source';
import { prepareDatabase } from './app/database';
import { announceNewDatabase, MissingDatabaseError } from './core/database-file';
import { openWritePath } from './core/writes';
import { createLogger } from './core/logger';
import { applyV8Settings } from './core/v8-settings';
import { createHttpApp, Readiness } from './app/server';
import { createSchema } from './app/schema';
import { searchIndexOf } from './modules/search/search.service';

async function main(): Promise<void> {
  const config = loadConfigOrExit('careergraph');
  const v8Flags = applyV8Settings(config); // before the graph is read: v8-settings.ts says why
  const logger = createLogger(config.logLevel);
  logger.debug({ v8Flags }, 'V8 flags set');
  announceNewDatabase(config, logger); // before the data source creates the file
  const db = createDataSource(config.database, {
    onError: (message) => logger.warn({ sql: message }, 'query failed'),
  });
  await db.initialize();
  openWritePath(db, logger); // takes the file's identity now, to notice it moved (/readyz)
  const readiness: Readiness = { seeded: false, shuttingDown: false };
  const { migrations, seeded } = await prepareDatabase(db, config.seedsDir);
  logger.info({ migrations, seeded, identity: await databaseIdentity(db) }, 'database ready');
  readiness.seeded = true;
  // the search index takes seconds to build on a large graph (3 s of CPU at 100 times the seeds):
  // built before the server listens, beside the schema, rather than by the first search, which
  // waited for all of it while other requests were served
  const building = Date.now();
  const searchReady = searchIndexOf(db).then(
    (index) =>
      logger.info({ documents: index.size, ms: Date.now() - building }, 'search index built'),
    (err) => logger.warn({ err }, 'search index not built; the first search will try again'),
  );

  const responseCache = await createResponseCache({ db, redis: config.redis, logger });
  // OpenTelemetry's packages load only when traces are exported (they cost every start otherwise)
  const tracing = config.otlpEndpoint
    ? (await import('./core/metrics/tracing')).createTracing(
        config.otlpEndpoint,
        config.otelServiceName,
      )
    : undefined;
  const { httpServer, apollo } = await createHttpApp({
    config,
    db,
    schema: await createSchema(),
    logger,
    readiness,
    responseCache,
    tracing,
  });
  await searchReady;
  httpServer.listen(config.port, config.host, () => {
    const { port } = httpServer.address() as AddressInfo; // the one chosen when PORT=0
    logger.info(
      { port, database: config.database.type, cache: responseCache.store },
      `careergraph listening on http://localhost:${port}/graphql`,
    );
  });

  const shutdown = async (signal: string) => {
    if (readiness.shuttingDown) return;
    readiness.shuttingDown = true;
    logger.info({ signal }, 'draining');
    const force = setTimeout(() => {
      logger.error('drain timed out, exiting');
      process.exit(1);
    }, 15000).unref();
    await apollo.stop(); // stops accepting, lets in-flight requests finish (drain plugin)
    await responseCache.close();
    await tracing?.shutdown().catch((err) => logger.warn({ err }, 'could not flush traces'));
    await db.destroy();
    clearTimeout(force);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(
    'careergraph: failed to start:',
    err instanceof MissingDatabaseError ? err.message : err,
  );
  process.exit(1);
});
