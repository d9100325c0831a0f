import { randomUUID } from 'node:crypto';
import { Request, Response, Router } from 'express';
import express from 'express';
import { DataSource } from 'typeorm';
import { Logger } from '../core/logger';

/**
 * The MCP SDK, zod and the tools, loaded on the first MCP request rather than at start: they
 * are a tenth of the server's start-up, and most processes (tests, GraphQL-only replicas) never
 * answer one.
 */
const mcpModules = () =>
  Promise.all([import('@modelcontextprotocol/sdk/server/streamableHttp.js'), import('./server')]);

const methodNotAllowed = (_req: Request, res: Response) => {
  res
    .status(405)
    .setHeader('allow', 'POST')
    .json({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: 'Method not allowed: this MCP endpoint is stateless and answers POST only.',
      },
      id: null,
    });
};

/**
 * POST /mcp: the streamable HTTP transport in stateless mode. Each request gets its own server
 * and transport (no session to keep, so any replica can answer any request); answers are plain
 * JSON rather than an event stream, since no tool streams.
 */
export function mcpRouter(db: DataSource, logger: Logger, path = '/mcp'): Router {
  const router = Router();
  router.post(path, express.json({ limit: '1mb' }), async (req: Request, res: Response) => {
    const requestId = String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 100);
    res.setHeader('x-request-id', requestId);
    try {
      const [{ StreamableHTTPServerTransport }, { createMcpServer }] = await mcpModules();
      const server = createMcpServer(db, { logger, requestId });
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      res.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (err) {
      logger.error({ err }, 'mcp request failed');
      if (!res.headersSent)
        res.status(500).json({
          jsonrpc: '2.0',
          error: { code: -32603, message: 'Internal server error' },
          id: null,
        });
    }
  });
  router.get(path, methodNotAllowed);
  router.delete(path, methodNotAllowed);
  return router;
}
