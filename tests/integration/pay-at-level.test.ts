import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { TestServer } from '../support/server';
import { mcpClient } from '../support/mcp-client';

const LEVEL = 'mid-level-backend-developer';
const BAND = '{ slug label currency period region year min max level { slug } }';

/** A band as the MCP tools give it, in the GraphQL spelling (no level, no citations). */
// an unstated region: null in MCP's answers, "unspecified" in GraphQL, where the contract types it String!
const figures = (b: any) => ({
  label: b.label,
  currency: b.currency,
  period: b.period,
  region: b.region ?? 'unspecified',
  year: b.year,
  min: b.min,
  max: b.max,
});
const sorted = (bands: any[]) =>
  bands.map(figures).sort((a, b) => a.label.localeCompare(b.label) || (a.min ?? 0) - (b.min ?? 0));

describe('Pay at a level: one answer wherever it is asked', () => {
  let server: TestServer;
  let client: Client;

  beforeAll(async () => {
    server = await TestServer.start();
    client = await mcpClient(server, 'careergraph-pay-test');
  });
  afterAll(async () => {
    await client.close();
    await server.stop();
  });

  const call = async (name: string, args: Record<string, unknown>) =>
    ((await client.callTool({ name, arguments: args })) as { structuredContent: any })
      .structuredContent;

  it('should give the mid-level back-end developer the same bands through RoleLevel, career paths, reachable roles and MCP', async () => {
    const data = await server.data(/* GraphQL */ `
      {
        roleLevel(slug: "${LEVEL}") { salaryBandsScope salaryBands ${BAND} }
        careerPaths(from: "junior-backend-developer", to: "${LEVEL}") {
          stops { level { slug } salaryBandsScope salaryBands ${BAND} }
        }
        fromHere: careerPaths(from: "${LEVEL}", to: "senior-backend-developer") { startSalaryBandsScope startSalaryBands ${BAND} }
        reachableRoles(from: "junior-backend-developer", withinYears: 10) {
          level { slug salaryBandsScope salaryBands ${BAND} }
          path { stops { level { slug } salaryBands ${BAND} } }
        }
      }
    `);
    const own = data.roleLevel;
    // no source states pay for this level: the role's four role-wide bands answer, and say so (the
    // experienced developers' figure among them: the source ties it to no level)
    expect(own.salaryBandsScope).toBe('ROLE');
    expect(own.salaryBands).toHaveLength(4);
    for (const band of own.salaryBands) expect(band.level).toBeNull();

    const stop = data.careerPaths[0].stops.find((s: any) => s.level.slug === LEVEL);
    expect(stop.salaryBandsScope).toBe('ROLE');
    expect(stop.salaryBands).toEqual(own.salaryBands);
    expect(data.fromHere[0].startSalaryBandsScope).toBe('ROLE');
    expect(data.fromHere[0].startSalaryBands).toEqual(own.salaryBands);

    const reachable = data.reachableRoles.find((r: any) => r.level.slug === LEVEL);
    expect(reachable.level.salaryBandsScope).toBe('ROLE');
    expect(reachable.level.salaryBands).toEqual(own.salaryBands);
    expect(reachable.path.stops.at(-1).salaryBands).toEqual(own.salaryBands);

    const tool = await call('salary_bands', { level: LEVEL });
    expect(tool.scope).toBe('role');
    expect(tool.bands.map((b: any) => b.scope)).toEqual(['role', 'role', 'role', 'role']);
    expect(sorted(tool.bands)).toEqual(sorted(own.salaryBands));

    const path = await call('career_path', { from: 'junior-backend-developer', to: LEVEL });
    const step = path.steps.find((s: any) => s.to.slug === LEVEL);
    expect(step.pay.map((b: any) => b.scope)).toEqual(['role', 'role', 'role', 'role']);
    expect(sorted(step.pay)).toEqual(sorted(own.salaryBands));
  });

  it("should keep a level's own bands, scope LEVEL, where a source states them", async () => {
    const data = await server.data(/* GraphQL */ `
      { roleLevel(slug: "junior-backend-developer") { salaryBandsScope salaryBands ${BAND} } }
    `);
    expect(data.roleLevel.salaryBandsScope).toBe('LEVEL');
    expect(data.roleLevel.salaryBands.length).toBeGreaterThan(0);
    for (const band of data.roleLevel.salaryBands)
      expect(band.level).toEqual({ slug: 'junior-backend-developer' });
    const tool = await call('salary_bands', { level: 'junior-backend-developer' });
    expect(tool.scope).toBe('level');
    expect(sorted(tool.bands)).toEqual(sorted(data.roleLevel.salaryBands));
  });

  it('should narrow the fallback bands by the other filters, and give none for a level of another role', async () => {
    expect((await call('salary_bands', { level: LEVEL, year: 1999 })).bands).toEqual([]);
    expect(
      (await call('salary_bands', { level: LEVEL, role: 'engineering-manager' })).bands,
    ).toEqual([]);
  });
});
