import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startHttp, TestServer } from '../support/server';
import { mcpClient, textOf, TOOL_NAMES, ToolResult } from '../support/mcp-client';

describe('MCP tools (in-process client)', () => {
  let server: TestServer;
  let client: Client;

  beforeAll(async () => {
    server = await TestServer.start();
    client = await mcpClient(server, 'careergraph-test');
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  const call = (name: string, args: Record<string, unknown>) =>
    client.callTool({ name, arguments: args }) as Promise<ToolResult>;

  it('should list the tools, each with a JSON Schema for its input and its output', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.description).toBeTruthy();
      expect(tool.inputSchema.type).toBe('object');
      expect(Object.keys(tool.inputSchema.properties ?? {}).length).toBeGreaterThan(0);
      expect(Object.keys(tool.outputSchema?.properties ?? {}).length).toBeGreaterThan(0);
      expect(tool.annotations?.readOnlyHint).toBe(true);
    }
    const careerPath = tools.find((t) => t.name === 'career_path');
    expect(careerPath?.inputSchema.required).toEqual(['from', 'to']);
  });

  it('should answer career_path with cited steps, years and pay, matching the GraphQL answer', async () => {
    const result = await call('career_path', {
      from: 'junior-backend-developer',
      to: 'senior-backend-developer',
    });
    expect(result.isError).toBeFalsy();
    const path = result.structuredContent;
    expect(path.found).toBe(true);
    expect(path.steps.map((s: any) => s.to.slug)).toEqual([
      'mid-level-backend-developer',
      'senior-backend-developer',
    ]);
    expect(path.typicalYears).toEqual({ min: 3, max: 6 });
    expect(path.stepsWithoutYears).toBe(0);
    expect(path.steps[0].citations[0]).toEqual(
      expect.objectContaining({ source: expect.any(String), section: expect.any(String) }),
    );
    // the experienced figure names no level: it is the role's, qualified as the guide puts it
    const senior = path.steps[1].pay.find((b: any) => b.label.startsWith('experienced developers'));
    expect(senior).toEqual(
      expect.objectContaining({
        scope: 'role',
        currency: 'USD',
        min: 120000,
        minQualifier: 'MORE_THAN',
        max: null,
      }),
    );

    const graphql = await server.data(/* GraphQL */ `
      {
        careerPath(from: "junior-backend-developer", to: "senior-backend-developer") {
          typicalYears {
            min
            max
          }
          stepsWithoutYears
          steps {
            to {
              slug
            }
          }
        }
      }
    `);
    expect(path.typicalYears).toEqual(graphql.careerPath.typicalYears);
    expect(path.steps.map((s: any) => s.to.slug)).toEqual(
      graphql.careerPath.steps.map((s: any) => s.to.slug),
    );

    const text = textOf(result);
    expect(text).toContain('Junior back-end developer');
    // the senior level's entry requirement bounds the time, whatever the steps sum to
    expect(text).toContain(
      'taking more than 5 to about 6 years in total (Senior back-end developer asks for more than 5 years of experience [',
    );
    expect(text).toContain('; the steps alone sum to about 3 to 6 years)');
    expect(path.timeToReach).toEqual(
      expect.objectContaining({
        min: 5,
        minQualifier: 'MORE_THAN',
        boundBy: 'ENTRY_REQUIREMENT',
        requirementOf: 'senior-backend-developer',
      }),
    );
    expect(text).toContain('promotion after about 1 to 2 years');
    expect(text).toContain('$115,000 to $154,000 a year');
    expect(text).toContain(
      `[${path.steps[0].citations[0].source}, "${path.steps[0].citations[0].section}"`,
    );
  });

  it('should say when no route exists, without calling it an error', async () => {
    const result = await call('career_path', {
      from: 'senior-backend-developer',
      to: 'junior-backend-developer',
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.found).toBe(false);
    expect(textOf(result)).toMatch(
      /No cited route leads from Senior back-end developer to Junior back-end developer/,
    );
  });

  it('should turn an unknown slug into a tool error naming the argument to fix', async () => {
    const result = await call('career_path', { from: 'junior-backend-developer', to: 'astronaut' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/nothing has slug "astronaut".*Fix "to"/s);
  });

  it('should refuse input that breaks the schema with a message saying what to fix', async () => {
    const missing = await call('career_path', { from: 'junior-backend-developer' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/"to" is required/);

    const tooMany = await call('list_employers', { limit: 500 });
    expect(tooMany.isError).toBe(true);
    expect(textOf(tooMany)).toMatch(/"limit" must be from 1 to 50/);

    const badCurrency = await call('salary_bands', { currency: 'dollars' });
    expect(badCurrency.isError).toBe(true);
    expect(textOf(badCurrency)).toMatch(/three-letter ISO 4217 code/);
  });

  it('should describe a role with its levels, cited pay and outlook', async () => {
    const result = await call('describe_role', { role: 'Back-End-Developer' });
    expect(result.isError).toBeFalsy();
    const role = result.structuredContent;
    expect(role.slug).toBe('backend-developer');
    expect(role.levels.map((l: any) => l.slug)).toEqual([
      'junior-backend-developer',
      'mid-level-backend-developer',
      'senior-backend-developer',
      'lead-backend-developer',
    ]);
    expect(role.salaryBands).toContainEqual(
      expect.objectContaining({
        label: '2025 average pay range',
        min: 115000,
        max: 154000,
        year: 2025,
      }),
    );
    expect(role.outlooks).toContainEqual(
      expect.objectContaining({ growthPercent: 15, throughYear: 2025 }),
    );
    const text = textOf(result);
    expect(text).toContain('$115,000 to $154,000 a year, US, 2025.');
    expect(text).toMatch(/\+15% demand through 2025\. \[/);
    // figures read as the guide words them, and a level's requirement keeps its qualifier
    expect(text).toContain('about $81,000 a year, US.');
    expect(text).toContain('more than $120,000 a year, US.');
    expect(text).toContain('about $200,000 or more a year, US.');
    expect(text).toContain('$75,000 to $120,000 a year, region not stated.');
    expect(text).toContain('Senior back-end developer (more than 5 years of experience)');
    expect(role.levels[2].yearsOfExperience).toEqual({
      min: 5,
      max: null,
      minQualifier: 'MORE_THAN',
      maxQualifier: null,
    });
  });

  it('should compute a skill gap like the skillGap query', async () => {
    const have = ['Java', 'Postgres', 'Docker', 'git', 'juggling'];
    const result = await call('skill_gap', { target: 'mid-level-backend-developer', have });
    expect(result.isError).toBeFalsy();
    const graphql = await server.data(
      /* GraphQL */ `
        query ($have: [String!]!) {
          skillGap(target: "mid-level-backend-developer", have: $have) {
            coverage
            unrecognized
            missing {
              skill {
                name
              }
            }
          }
        }
      `,
      { have },
    );
    expect(result.structuredContent.coverage).toBe(graphql.skillGap.coverage);
    expect(result.structuredContent.unrecognized).toEqual(['juggling']);
    expect(result.structuredContent.missing.map((m: any) => m.skill)).toEqual(
      graphql.skillGap.missing.map((m: any) => m.skill.name),
    );
    expect(textOf(result)).toMatch(/coverage \d+(\.\d)?%/);
    expect(textOf(result)).toContain('"juggling"');
    // Java meets the one-of group of first languages: no language is reported missing
    expect(result.structuredContent.missingGroups.map((g: any) => g.name)).not.toContain(
      'first-language',
    );
    const none = await call('skill_gap', { target: 'junior-backend-developer', have: ['git'] });
    expect(textOf(none)).toMatch(/Missing \(required\), any one of: [^\n]*Python/);
  });

  it('should list salary bands with their figures and sources', async () => {
    const result = await call('salary_bands', { role: 'backend-developer', year: 2025 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.bands).toEqual([
      expect.objectContaining({
        role: 'Back-end developer',
        label: '2025 average pay range',
        currency: 'USD',
        min: 115000,
        max: 154000,
      }),
    ]);
    expect(result.structuredContent.bands[0].citations.length).toBeGreaterThan(0);
    expect(textOf(result)).toContain('$115,000 to $154,000 a year, US, 2025.');
  });

  it('should list employers of a sector, as the employers query does', async () => {
    const result = await call('list_employers', { sector: 'healthcare-technology', limit: 3 });
    expect(result.isError).toBeFalsy();
    const graphql = await server.data(/* GraphQL */ `
      {
        employers(filter: { sector: "healthcare-technology" }, first: 3) {
          totalCount
          nodes {
            name
          }
        }
      }
    `);
    expect(result.structuredContent.total).toBe(graphql.employers.totalCount);
    expect(result.structuredContent.employers.map((e: any) => e.name)).toEqual(
      graphql.employers.nodes.map((n: any) => n.name),
    );
    expect(result.structuredContent.employers[0].sectors).toContain('Healthcare technology');
    // three of the sector's employers quoted: the text counts the rest
    expect(graphql.employers.totalCount).toBeGreaterThan(3);
    expect(textOf(result)).toContain(
      `(the first 3 shown, and ${graphql.employers.totalCount - 3} more)`,
    );
    // the sources say nothing about these employers' internships, and the answer says so
    expect(result.structuredContent.employers[0].internshipsOffered).toBeNull();
    expect(textOf(result)).toContain('internships: the sources do not say');
    const unknown = await call('list_employers', { sector: 'space-mining' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/No sector has slug "space-mining"\. Fix "sector"/);
  });

  it('should search with slugs the other tools take', async () => {
    const result = await call('search', { query: 'kubernetes', limit: 5 });
    expect(result.isError).toBeFalsy();
    const hits = result.structuredContent.hits;
    expect(hits[0]).toEqual(
      expect.objectContaining({ type: 'Skill', slug: 'kubernetes', name: 'Kubernetes' }),
    );
    expect(textOf(result)).toMatch(
      /^\d+ match(es)? for "kubernetes", the best \d+ first:\n1\. Kubernetes \(Skill, slug "kubernetes"\): .*\*\*Kubernetes\*\*/,
    );
    expect(result.structuredContent.didYouMean).toBeNull();
    const typo = await call('search', { query: 'postgress', limit: 3 });
    expect(typo.structuredContent.didYouMean).toBe('postgres');
    expect(typo.structuredContent.hits[0]).toEqual(
      expect.objectContaining({ slug: 'postgresql', matchedTerms: ['postgres'] }),
    );
    expect(textOf(typo)).toMatch(/^\d+ match(es)? for "postgress" \(read as "postgres"\)/);
    const none = await call('search', { query: 'zzzqqq' });
    expect(none.structuredContent.hits).toEqual([]);
    expect(textOf(none)).toBe('Nothing matches "zzzqqq".');
  });
});

describe('MCP over streamable HTTP (POST /mcp)', () => {
  let http: Awaited<ReturnType<typeof startHttp>>;
  let client: Client;

  beforeAll(async () => {
    http = await startHttp();
    client = new Client({ name: 'careergraph-http-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`)));
  });
  afterAll(async () => {
    await client.close();
    await http.stop();
  });

  it('should list the tools and answer a cited career path', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
    const result = (await client.callTool({
      name: 'career_path',
      arguments: { from: 'junior-backend-developer', to: 'engineering-manager' },
    })) as ToolResult;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.to.slug).toMatch(/engineering-manager/);
    expect(result.structuredContent.sources.length).toBeGreaterThan(0);
    expect(textOf(result)).toMatch(
      /^Quickest cited route from Junior back-end developer to .*Engineering manager/,
    );
  });

  it('should refuse GET, as a stateless endpoint keeps no event stream', async () => {
    const res = await fetch(`${http.url}/mcp`, { headers: { accept: 'text/event-stream' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});
