import 'reflect-metadata';
import { ConfigError, loadConfig } from './core/config';
import { createDataSource } from './core/data-source';
import { prepareDatabase } from './core/database';
import { createLogger } from './core/logger';
import { createHttpApp, Readiness } from './core/server';
import { createSchema } from './schema';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`careergraph: bad configuration: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const db = createDataSource(config.database, { onError: (message) => logger.warn({ sql: message }, 'query failed') });
  await db.initialize();
  const readiness: Readiness = { seeded: false, shuttingDown: false };
  const { migrations, seeded } = await prepareDatabase(db, config.seedsDir);
  logger.info({ migrations, seeded }, 'database ready');
  readiness.seeded = true;

  const { httpServer, apollo } = await createHttpApp({ config, db, schema: await createSchema(), logger, readiness });
  httpServer.listen(config.port, config.host, () => {
    logger.info({ port: config.port, database: config.database.type }, `careergraph listening on http://localhost:${config.port}/graphql`);
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
    await db.destroy();
    clearTimeout(force);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('careergraph: failed to start:', err);
  process.exit(1);
});
