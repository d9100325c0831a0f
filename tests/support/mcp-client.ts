import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createMcpServer } from '../../src/mcp/server';
import { TestServer } from './server';

/** Every tool careergraph offers, by name, sorted. */
export const TOOL_NAMES = [
  'career_path',
  'compare_levels',
  'describe_role',
  'list_employers',
  'reachable_roles',
  'role_matches',
  'salary_bands',
  'search',
  'skill_gap',
];

/** What a tool call answers, as the tests read it. */
export type ToolResult = {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: any;
};

/** A tool answer's text blocks, joined. */
export const textOf = (result: ToolResult) => result.content.map((c) => c.text ?? '').join('\n');

/** An MCP client talking to the tools over this server's database, in process. */
export async function mcpClient(server: TestServer, name: string): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(server.db).connect(serverSide);
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}
