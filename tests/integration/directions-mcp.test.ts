import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { TestServer } from '../support/server';
import { mcpClient, textOf, ToolResult } from '../support/mcp-client';

/** The MCP path tools take career directions only when asked, and say what they are. */
describe('Career directions through the MCP tools', () => {
  let server: TestServer;
  let client: Client;

  beforeAll(async () => {
    server = await TestServer.start();
    client = await mcpClient(server, 'careergraph-directions-test');
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  const call = (name: string, args: Record<string, unknown>) =>
    client.callTool({ name, arguments: args }) as Promise<ToolResult>;

  it('should find no route to principal engineer unless directions are asked for, then mark the step', async () => {
    const without = await call('career_path', {
      from: 'senior-backend-developer',
      to: 'principal-engineer',
    });
    expect((without.structuredContent as any).found).toBe(false);

    const withDirections = await call('career_path', {
      from: 'senior-backend-developer',
      to: 'principal-engineer',
      includeDirections: true,
    });
    expect(withDirections.isError).toBeFalsy();
    const out = withDirections.structuredContent as any;
    expect(out.directionSteps).toBe(1);
    expect(out.steps).toHaveLength(1);
    expect(out.steps[0]).toMatchObject({
      kind: 'DIRECTION',
      isDirection: true,
      typicalYears: null,
      pay: [],
      skillsToGain: [],
    });
    expect(out.steps[0].citations[0].section).toBe('Advancement paths to compare');
    const text = textOf(withDirections);
    expect(text).toContain('a career direction, not a cited move');
    expect(text).toContain('do not say from which level or after how long');
  });

  it('should list a level reached through a direction only when asked, with the step marked', async () => {
    const slugs = (r: ToolResult) =>
      (r.structuredContent as any).reachable.map((x: any) => x.level.slug);
    expect(
      slugs(
        await call('reachable_roles', {
          from: 'senior-backend-developer',
          withinYears: 10,
          limit: 50,
        }),
      ),
    ).not.toContain('principal-engineer');
    const result = await call('reachable_roles', {
      from: 'senior-backend-developer',
      withinYears: 10,
      limit: 50,
      includeDirections: true,
    });
    const principal = (result.structuredContent as any).reachable.find(
      (x: any) => x.level.slug === 'principal-engineer',
    );
    expect(principal.route).toEqual([
      expect.objectContaining({ kind: 'DIRECTION', isDirection: true, typicalYears: null }),
    ]);
    expect(textOf(result)).toContain(
      'a career direction to Principal engineer (the sources do not say from which level',
    );
  });
});
