import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { SEEDS_DIR } from '../support/server';
import { TOOL_NAMES } from '../support/mcp-client';

const ROOT = join(__dirname, '..', '..');

describe('MCP over stdio (the process `npm run mcp` starts)', () => {
  let dir: string;
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-mcp-'));
    // The real entry point in a child process, from the TypeScript sources (no build needed).
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [
        '-r',
        join(ROOT, 'tests', 'helpers', 'ts-register.js'),
        join(ROOT, 'src', 'mcp', 'stdio.ts'),
      ],
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: `sqlite:${join(dir, 'mcp.sqlite')}`,
        SEEDS_DIR,
        LOG_LEVEL: 'info',
      },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'careergraph-stdio-test', version: '1.0.0' });
    await client.connect(transport);
  }, 60000);

  afterAll(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should list the tools and answer a cited career path on a database it migrated and seeded itself', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
    const result: any = await client.callTool({
      name: 'career_path',
      arguments: { from: 'junior-backend-developer', to: 'senior-backend-developer' },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.steps).toHaveLength(2);
    expect(result.structuredContent.sources[0].source).toMatch(/guide/i);
    expect(result.content[0].text).toMatch(
      /^Quickest cited route from Junior back-end developer to Senior back-end developer: 2 steps, taking more than 5 to about 6 years in total/,
    );
  });

  it('should answer "which roles fit Java, SQL and Docker" with cited matches', async () => {
    const result: any = await client.callTool({
      name: 'role_matches',
      arguments: { have: ['Java', 'SQL', 'Docker'], limit: 3 },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.matches).toHaveLength(3);
    expect(result.structuredContent.matches[0].citations.length).toBeGreaterThan(0);
    expect(result.content[0].text).toMatch(
      /^Role levels that best fit Java, SQL, Docker .*\n1\. .*\[[^\]]+\]$/m,
    );
  });

  it('should keep stdout for the protocol and log JSON lines to stderr', async () => {
    await client.callTool({ name: 'search', arguments: { query: 'docker' } });
    const findLine = () =>
      stderr
        .split('\n')
        .filter((l) => l.trim().startsWith('{'))
        .map((l) => JSON.parse(l))
        .find((l) => l.msg === 'mcp tool call' && l.tool === 'search');
    // stderr is a separate pipe: its line may land just after the answer on stdout
    for (let i = 0; i < 50 && !findLine(); i++) await new Promise((r) => setTimeout(r, 20));
    const toolLine = findLine();
    expect(toolLine).toEqual(
      expect.objectContaining({
        outcome: 'ok',
        requestId: expect.stringMatching(/^mcp-/),
        sqlStatements: expect.any(Number),
      }),
    );
  });
});
