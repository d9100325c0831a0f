import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { TestServer } from '../support/server';
import { mcpClient, textOf, ToolResult } from '../support/mcp-client';

const ROLES = /* GraphQL */ `
  {
    roles(first: 50) {
      nodes {
        slug
      }
    }
  }
`;

describe('Pay questions through the MCP tools', () => {
  let server: TestServer;
  let client: Client;

  beforeAll(async () => {
    server = await TestServer.start();
    client = await mcpClient(server, 'careergraph-occupations-test');
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  const call = (name: string, args: Record<string, unknown>) =>
    client.callTool({ name, arguments: args }) as Promise<ToolResult>;

  it('should answer "what will I earn as a solution architect" with the statistic, year and source named', async () => {
    const result = await call('salary_bands', { role: 'solution-architect' });
    expect(result.isError).toBeFalsy();
    const text = textOf(result);
    expect(text).toContain('No guide gives a pay figure');
    expect(text).toContain('SOC 2018 15-1299 Computer Occupations, All Other (broad match)');
    expect(text).toContain('median $108,970 a year (year not stated');
    expect(text).toContain(
      'https://singulariki.ryanjhunter.workers.dev/compare/information-technology-project-managers-vs-computer-systems-engineers-architects, read 2026-11-30',
    );
    expect(result.structuredContent.statistics[0]).toMatchObject({
      statistic: 'MEDIAN',
      amount: 108970,
      year: null,
      occupation: { code: '15-1299' },
    });
  });

  it('should answer "what will I earn as an engineering manager" with the statistic, year and source named', async () => {
    const text = textOf(await call('salary_bands', { level: 'engineering-manager' }));
    expect(text).toContain('median $164,070 a year (May 2022; US Bureau of Labor Statistics, OEWS');
    expect(text).toContain(
      'https://www.bls.gov/ooh/management/computer-and-information-systems-managers.htm, read 2026-11-30',
    );
  });

  it('should give a published statistic for every role', async () => {
    const { roles } = await server.data(ROLES);
    for (const { slug } of roles.nodes) {
      const result = await call('salary_bands', { role: slug });
      expect({ slug, statistics: result.structuredContent.statistics.length > 0 }).toEqual({
        slug,
        statistics: true,
      });
      for (const s of result.structuredContent.statistics) expect(s.url).toMatch(/^https?:\/\//);
    }
  });

  it('should show pay at every stop of the route from junior back-end developer to solution architect', async () => {
    const result = await call('career_path', {
      from: 'junior-backend-developer',
      to: 'solution-architect',
    });
    const path = result.structuredContent;
    for (const step of path.steps)
      expect({ to: step.to.slug, statistics: step.statistics.length > 0 }).toEqual({
        to: step.to.slug,
        statistics: true,
      });
    expect(path.startStatistics[0]).toMatchObject({
      statistic: 'MEDIAN',
      amount: 133080,
      year: 2024,
    });
    expect(path.wageChange).toMatchObject({
      statistic: 'MEDIAN',
      difference: -24110,
      sameYear: false,
    });
    const text = textOf(result);
    expect(text).not.toContain('no pay figure for this level');
    expect(text).toContain(
      'Change in pay along the route, comparing the median wage, 15-1252 Software Developers to 15-1299 Computer Occupations, All Other',
    );
  });
});

describe('describe_role', () => {
  let server: TestServer;
  let client: Client;
  beforeAll(async () => {
    server = await TestServer.start();
    client = await mcpClient(server, 'careergraph-describe-test');
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  it("should give a role's occupation codes and published pay statistics", async () => {
    const result = (await client.callTool({
      name: 'describe_role',
      arguments: { role: 'cto' },
    })) as ToolResult;
    expect(result.structuredContent.occupationCodes).toContainEqual(
      expect.objectContaining({ system: 'SOC_2018', code: '11-3021', match: 'BROAD' }),
    );
    expect(result.structuredContent.occupationCodes).toContainEqual(
      expect.objectContaining({ system: 'ISCO_08', code: '1330', match: 'BROAD' }),
    );
    const text = textOf(result);
    expect(text).toContain(
      'Occupation codes: ISCO-08 1330 Information and communications technology service managers (broad); O*NET-SOC 2019 11-3021.00 Computer and Information Systems Managers (broad); SOC 2018 11-3021 Computer and Information Systems Managers (broad).',
    );
    expect(text).toContain('median $164,070 a year (May 2022;');
  });
});
