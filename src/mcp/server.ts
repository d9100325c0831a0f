import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { createContext } from '../core/context';
import { ErrorCode } from '../core/errors';
import { Logger } from '../core/logger';
import { toolCalls } from '../core/metrics/registry';
import { StatementCount, withStatementCount } from '../core/query-counter';
import { CareerTool } from './tool';
import { registerPrompts } from './prompts';
import { registerResources } from './resources';
import { TOOLS } from './tools';

const VERSION = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

const INSTRUCTIONS =
  'careergraph answers career questions from cited documents: roles and their levels, the moves between them, ' +
  'skills, certifications, employers and pay. Find slugs with search, then call the other tools with them: role_matches ' +
  'for roles that fit some skills, reachable_roles for what can be reached within some years. Role and level pages are ' +
  'resources (careergraph://roles/{slug}, careergraph://levels/{slug}). Quote ' +
  'figures as given and name the sources in brackets; where sources differ, give both figures.';

const toolError = (text: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text }],
});

/** Runs one tool call on a fresh per-call context (its own loaders and statement count). */
async function call(
  tool: CareerTool,
  db: DataSource,
  args: Record<string, unknown>,
  options: McpServerOptions,
): Promise<CallToolResult> {
  const { logger } = options;
  const sql: StatementCount = { statements: 0 };
  const ctx = createContext(db, options.requestId ?? `mcp-${randomUUID()}`, sql);
  const started = process.hrtime.bigint();
  const done = (outcome: string) => {
    toolCalls.inc({ tool: tool.name, outcome });
    logger?.info(
      {
        requestId: ctx.requestId,
        tool: tool.name,
        outcome,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        sqlStatements: sql.statements,
      },
      'mcp tool call',
    );
  };
  try {
    const answer = await withStatementCount(sql, () => tool.run(ctx, args as never));
    done('ok');
    return { content: [{ type: 'text', text: answer.text }], structuredContent: answer.structured };
  } catch (err) {
    done('error');
    if (err instanceof GraphQLError && err.extensions.code === ErrorCode.BAD_USER_INPUT) {
      const argument = err.extensions.argument
        ? ` Fix "${err.extensions.argument}" and call ${tool.name} again;`
        : '';
      return toolError(`${err.message}.${argument} the search tool finds slugs by name.`);
    }
    logger?.error({ err, tool: tool.name }, 'mcp tool failed');
    return toolError(
      `${tool.name} failed on our side (internal error); the input was fine, try again later.`,
    );
  }
}

export interface McpServerOptions {
  logger?: Logger;
  /** The HTTP request's id; over stdio each call gets its own. */
  requestId?: string;
}

/** An MCP server offering careergraph's tools over `db`; connect it to any transport. */
export function createMcpServer(db: DataSource, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'careergraph', title: 'careergraph', version: VERSION },
    { instructions: INSTRUCTIONS },
  );
  for (const tool of TOOLS) {
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations: {
          title: tool.title,
          readOnlyHint: true,
          idempotentHint: true,
          openWorldHint: false,
        },
      },
      (args: Record<string, unknown>) => call(tool, db, args, options),
    );
  }
  registerResources(server, db);
  registerPrompts(server);
  return server;
}
