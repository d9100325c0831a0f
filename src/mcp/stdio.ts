import 'reflect-metadata';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import pino from 'pino';
import { loadConfigOrExit } from '../core/config';
import { createDataSource } from '../app/data-source';
import { prepareDatabase } from '../app/database';
import { createMcpServer } from './server';

/**
 * `npm run mcp`: careergraph's tools over stdio, for a chatbot that starts the server itself.
 * stdout carries the protocol, so logs go to stderr. The database is the configured one
 * (DATABASE_URL), migrated and seeded on first use exactly as the HTTP server does.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit('careergraph mcp');
  const logger = pino(
    {
      level: config.logLevel,
      base: { service: 'careergraph-mcp' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination(2),
  );
  const db = createDataSource(config.database, {
    onError: (message) => logger.warn({ sql: message }, 'query failed'),
  });
  await db.initialize();
  await prepareDatabase(db, config.seedsDir);
  const server = createMcpServer(db, { logger });
  const transport = new StdioServerTransport();
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    await db.destroy();
    process.exit(0);
  };
  transport.onclose = () => void close();
  process.stdin.on('end', () => void close());
  process.on('SIGTERM', () => void close());
  process.on('SIGINT', () => void close());
  await server.connect(transport);
  logger.info({ database: config.database.type }, 'careergraph MCP server on stdio');
}

main().catch((err) => {
  console.error('careergraph mcp: failed to start:', err);
  process.exit(1);
});
