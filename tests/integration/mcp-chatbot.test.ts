import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { startHttp, TestServer } from '../support/server';
import { mcpClient, textOf, TOOL_NAMES, ToolResult } from '../support/mcp-client';

/** One call of every tool, as a chatbot would make it. */
const SAMPLE_CALLS: Record<string, Record<string, unknown>> = {
  search: { query: 'kubernetes', limit: 5 },
  describe_role: { role: 'backend-developer' },
  career_path: { from: 'junior-backend-developer', to: 'senior-backend-developer' },
  reachable_roles: { from: 'junior-backend-developer', withinYears: 5 },
  role_matches: { have: ['Java', 'SQL', 'Docker'] },
  skill_gap: { target: 'mid-level-backend-developer', have: ['Java', 'Postgres', 'Docker'] },
  compare_levels: { slugs: ['senior-backend-developer', 'lead-backend-developer'] },
  salary_bands: { level: 'mid-level-backend-developer' },
  list_employers: { sector: 'healthcare-technology', limit: 3 },
};

/** A GraphQL query against whichever server the transport reaches. */
type Gql = (query: string, variables?: Record<string, unknown>) => Promise<any>;

const ROLE_MATCHES = /* GraphQL */ `
  query ($have: [String!]!, $first: Int) {
    roleMatches(have: $have, first: $first) {
      score
      requiredCoverage
      level {
        slug
      }
    }
  }
`;
const REACHABLE = /* GraphQL */ `
  query ($from: String!, $within: Float!) {
    reachableRoles(from: $from, withinYears: $within) {
      level {
        slug
      }
      typicalYears {
        min
        max
      }
    }
  }
`;

/** The same questions, asked over whichever transport `client()` talks through. */
function chatbotScenarios(client: () => Client, graphql: () => Gql) {
  const call = (name: string, args: Record<string, unknown>) =>
    client().callTool({ name, arguments: args }) as Promise<ToolResult>;

  it('should list every tool with an outputSchema that its structured answer validates against', async () => {
    const { tools } = await client().listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
    const ajv = new AjvJsonSchemaValidator();
    for (const tool of tools) {
      expect(tool.outputSchema).toEqual(expect.objectContaining({ type: 'object' }));
      const result = await call(tool.name, SAMPLE_CALLS[tool.name]);
      expect(result.isError).toBeFalsy();
      const check = ajv.getValidator(tool.outputSchema as never)(result.structuredContent);
      expect({ tool: tool.name, valid: check.valid, error: check.errorMessage }).toEqual({
        tool: tool.name,
        valid: true,
        error: undefined,
      });
      // the schema describes the answer, not a loose bag: every key the answer has is declared
      for (const key of Object.keys(result.structuredContent))
        expect(`${tool.name}.${key}`).toBe(
          `${tool.name}.${key in (tool.outputSchema?.properties ?? {}) ? key : '(undeclared)'}`,
        );
    }
  });

  it('should answer "which roles fit Java, SQL and Docker" with cited matches, as roleMatches ranks them', async () => {
    const result = await call('role_matches', { have: ['Java', 'SQL', 'Docker'], limit: 5 });
    expect(result.isError).toBeFalsy();
    const { matches, total } = result.structuredContent;
    const expected = (
      await graphql()(ROLE_MATCHES, { have: ['Java', 'SQL', 'Docker'], first: 100 })
    ).roleMatches;
    expect(total).toBe(expected.length);
    expect(matches.map((m: any) => [m.level.slug, m.score, m.requiredCoverage])).toEqual(
      expected.slice(0, 5).map((m: any) => [m.level.slug, m.score, m.requiredCoverage]),
    );
    expect(matches[0].score).toBeGreaterThan(0);
    for (const m of matches) expect(m.citations.length).toBeGreaterThan(0);
    const text = textOf(result);
    expect(text).toMatch(
      new RegExp(`^Role levels that best fit Java, SQL, Docker .*the best 5 of ${total}:`),
    );
    // each line names the level, its fit rounded once from the exact weights, and its sources
    const first = matches[0];
    expect(text).toContain(`1. ${first.level.name} (${first.role.name}): fit `);
    expect(text).toContain(
      `required skills held ${first.requiredHeld} of ${first.requiredTotal} (${Math.round((first.requiredHeld / first.requiredTotal) * 1000) / 10}%)`,
    );
    expect(text.split('\n').slice(1)).toEqual(
      matches.map(() => expect.stringMatching(/\.\s\[[^\]]+\]$/)),
    );
  });

  it('should say which inputs are no skill, and give no ranking when none is', async () => {
    const some = await call('role_matches', { have: ['Java', 'juggling'] });
    expect(some.structuredContent.unrecognized).toEqual(['juggling']);
    expect(textOf(some)).toContain('Not recognized as skills: "juggling"');
    const none = await call('role_matches', { have: ['juggling'] });
    expect(none.structuredContent).toEqual(
      expect.objectContaining({ total: 0, matches: [], unrecognized: ['juggling'] }),
    );
    expect(textOf(none)).toMatch(/None of "juggling" is recognized as a skill/);
    const empty = await call('role_matches', { have: [] });
    expect(empty.isError).toBe(true);
    expect(textOf(empty)).toMatch(/"have" must name at least one skill/);
  });

  it('should answer "what can I reach in 5 years" with cited routes, as reachableRoles finds them', async () => {
    const result = await call('reachable_roles', {
      from: 'junior-backend-developer',
      withinYears: 5,
      limit: 50,
    });
    expect(result.isError).toBeFalsy();
    const { reachable, total, from } = result.structuredContent;
    expect(from.slug).toBe('junior-backend-developer');
    const expected = (await graphql()(REACHABLE, { from: 'junior-backend-developer', within: 5 }))
      .reachableRoles;
    expect(total).toBe(expected.length);
    expect(reachable.map((r: any) => r.level.slug)).toEqual(expected.map((r: any) => r.level.slug));
    const mid = reachable.find((r: any) => r.level.slug === 'mid-level-backend-developer');
    expect(mid.typicalYears).toEqual({ min: 1, max: 2 });
    expect(mid.route).toEqual([
      expect.objectContaining({
        kind: 'PROMOTION',
        to: expect.objectContaining({ slug: 'mid-level-backend-developer' }),
      }),
    ]);
    expect(mid.route[0].citations.length).toBeGreaterThan(0);
    // pay at the level is the one answer: its role's bands when no source states the level's, said so
    expect(mid.payScope).toBe('role');
    expect(mid.pay).toContainEqual(
      expect.objectContaining({ min: 115000, max: 154000, year: 2025 }),
    );
    const text = textOf(result);
    expect(text).toMatch(
      /^From Junior back-end developer, \d+ levels can be reached within 5 years by cited moves, fewest years first:/,
    );
    expect(text).toContain(
      '1. Mid-level back-end developer: typically 1–2 years, by promotion to Mid-level back-end developer; pay there (guide, for the back-end developer role as a whole: no source states pay for this level)',
    );
    // four role-wide bands, two quoted: the rest are counted, not dropped
    expect(text).toMatch(
      /\$115,000 to \$154,000 a year, US, 2025 \[[^\]]+\] and 2 more; change from now: /,
    );
    for (const line of text.split('\n').slice(1)) expect(line).toMatch(/\[[^\]]+\]$/);

    const shortList = await call('reachable_roles', {
      from: 'junior-backend-developer',
      withinYears: 5,
      limit: 2,
    });
    expect(shortList.structuredContent.reachable).toHaveLength(2);
    expect(textOf(shortList)).toContain(`(the first 2 shown, and ${total - 2} more)`);
    const nothing = await call('reachable_roles', {
      from: 'junior-backend-developer',
      withinYears: 0,
    });
    expect(textOf(nothing)).toBe(
      'Nothing can be reached from Junior back-end developer within 0 years by cited moves.',
    );
    const bad = await call('reachable_roles', {
      from: 'junior-backend-developer',
      withinYears: 99,
    });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/"withinYears" must be from 0 to 60/);
  });

  it('should compare levels side by side as compareLevels does, with pay and its fallback named', async () => {
    const slugs = ['senior-backend-developer', 'lead-backend-developer'];
    const result = await call('compare_levels', { slugs });
    expect(result.isError).toBeFalsy();
    const expected = (
      await graphql()(
        /* GraphQL */ `
          query ($slugs: [String!]!) {
            compareLevels(slugs: $slugs) {
              sharedSkills {
                name
              }
              distinctSkills {
                level {
                  slug
                }
                skills {
                  name
                }
              }
            }
          }
        `,
        { slugs },
      )
    ).compareLevels;
    const { levels, sharedSkills } = result.structuredContent;
    expect(levels.map((l: any) => l.slug)).toEqual(slugs);
    expect(sharedSkills).toEqual(expected.sharedSkills.map((s: any) => s.name));
    expect(levels.map((l: any) => l.onlyThisLevelAsks)).toEqual(
      expected.distinctSkills.map((d: any) => d.skills.map((s: any) => s.name)),
    );
    expect(levels[0].payScope).toBe('role');
    const text = textOf(result);
    expect(text).toMatch(
      /^Senior back-end developer vs Lead, principal or architect:\n- Senior back-end developer: more than 5 years of experience; pay \(no source states pay for this level/,
    );
    if (sharedSkills.length > 20)
      expect(text).toContain(`and ${sharedSkills.length - 20} more (every one in sharedSkills)`);
    const unknown = await call('compare_levels', {
      slugs: ['senior-backend-developer', 'astronaut'],
    });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/"astronaut".*Fix "slugs"/s);
  });

  it('should round skill_gap coverage once, from the exact count', async () => {
    // 4/21 = 0.190476...: rounded to 0.1905 first, it used to read 19.1%
    const result = await call('skill_gap', {
      target: 'senior-backend-developer',
      have: [
        'Mentoring',
        'System design',
        'Communication and teamwork',
        'Analytical problem-solving',
      ],
    });
    expect(textOf(result)).toContain('holds 4 of 21 required skills (coverage 19%)');
    expect(result.structuredContent.coverage).toBe(0.1905);
  });

  it('should count the pay figures career_path does not quote', async () => {
    const result = await call('career_path', {
      from: 'junior-backend-developer',
      to: 'senior-backend-developer',
    });
    const senior = result.structuredContent.steps[1];
    expect(senior.pay.length).toBe(4);
    expect(textOf(result)).toContain(
      'and 2 more figures (in the structured answer, or salary_bands with level "senior-backend-developer")',
    );
  });

  it('should list role and level pages as resources and read them with cited facts', async () => {
    const { resourceTemplates } = await client().listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'careergraph://levels/{slug}',
      'careergraph://roles/{slug}',
    ]);
    const { resources } = await client().listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('careergraph://roles/backend-developer');
    expect(uris).toContain('careergraph://levels/mid-level-backend-developer');
    const roleCount = (
      await graphql()(/* GraphQL */ `
        {
          roles(first: 100) {
            totalCount
          }
        }
      `)
    ).roles.totalCount;
    expect(uris.filter((u) => u.startsWith('careergraph://roles/'))).toHaveLength(roleCount);

    const role = await client().readResource({ uri: 'careergraph://roles/backend-developer' });
    const roleText = role.contents.find((c) => c.mimeType === 'text/markdown') as { text: string };
    expect(roleText.text).toMatch(/^# Back-end developer\n\nBack-end developer: .*\[/);
    expect(
      JSON.parse(
        (role.contents.find((c) => c.mimeType === 'application/json') as { text: string }).text,
      ).slug,
    ).toBe('backend-developer');

    const level = await client().readResource({
      uri: 'careergraph://levels/mid-level-backend-developer',
    });
    const levelText = (
      level.contents.find((c) => c.mimeType === 'text/markdown') as { text: string }
    ).text;
    expect(levelText).toMatch(
      /^# Mid-level back-end developer\n\nLevel 2 of 4 of the Back-end developer role \(careergraph:\/\/roles\/backend-developer\)\./,
    );
    expect(levelText).toContain(
      'No source states pay for this level; these figures cover the whole Back-end developer role.',
    );
    expect(levelText).toMatch(
      /- 2025 average pay range: \$115,000 to \$154,000 a year, US, 2025\. \[/,
    );
    expect(levelText).toMatch(
      /- promotion to Senior back-end developer \(careergraph:\/\/levels\/senior-backend-developer\)[^\n]*\[/,
    );
    expect(levelText).toMatch(/## Skills asked\n- required: /);

    await expect(client().readResource({ uri: 'careergraph://levels/astronaut' })).rejects.toThrow(
      /Resource not found: careergraph:\/\/levels\/astronaut/,
    );
  });

  it('should offer prompts a chatbot host can list and fill in', async () => {
    const { prompts } = await client().listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['fit_my_skills', 'plan_move']);
    const plan = await client().getPrompt({
      name: 'plan_move',
      arguments: {
        from: 'junior back-end developer',
        to: 'engineering manager',
        skills: 'Java, SQL',
      },
    });
    const planText = (plan.messages[0].content as { text: string }).text;
    expect(planText).toContain(
      'I am a junior back-end developer and want to become a engineering manager.',
    );
    expect(planText).toContain('have: ["Java","SQL"]');
    expect(planText).toMatch(/career_path.*skill_gap.*compare_levels/s);
    const fit = await client().getPrompt({
      name: 'fit_my_skills',
      arguments: { skills: 'Java, SQL ,Docker', years: '5' },
    });
    const fitText = (fit.messages[0].content as { text: string }).text;
    expect(fitText).toContain('role_matches with have: ["Java","SQL","Docker"]');
    expect(fitText).toContain('withinYears: 5');
    // the tools the prompts name exist
    const { tools } = await client().listTools();
    for (const name of [
      'search',
      'career_path',
      'skill_gap',
      'compare_levels',
      'role_matches',
      'reachable_roles',
    ])
      expect(tools.map((t) => t.name)).toContain(name);
  });
}

describe('MCP for chatbots (in-process client)', () => {
  let server: TestServer;
  let client: Client;
  beforeAll(async () => {
    server = await TestServer.start();
    client = await mcpClient(server, 'careergraph-chatbot-test');
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });
  chatbotScenarios(
    () => client,
    () => (query, variables) => server.data(query, variables),
  );
});

describe('MCP for chatbots (streamable HTTP, POST /mcp)', () => {
  let http: Awaited<ReturnType<typeof startHttp>>;
  let client: Client;
  beforeAll(async () => {
    http = await startHttp();
    client = new Client({ name: 'careergraph-chatbot-http-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`)));
  });
  afterAll(async () => {
    await client.close();
    await http.stop();
  });
  chatbotScenarios(
    () => client,
    () => async (query, variables) => {
      const res = await fetch(`${http.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return body.data;
    },
  );
});
