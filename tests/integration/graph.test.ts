import { codeOf, TestServer } from '../support/server';

describe('The career graph through the contract', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('should give the back-end developer levels with their years, entry level first', async () => {
    const { role } = await server.data(/* GraphQL */ `
      {
        role(slug: "backend-developer") {
          levels {
            slug
            rank
            yearsInLevel {
              min
              max
            }
            yearsOfExperience {
              min
              max
            }
            citations {
              section
              source {
                slug
              }
            }
          }
        }
      }
    `);
    const levels = role.levels;
    expect(levels.map((l: any) => l.slug)).toEqual([
      'junior-backend-developer',
      'mid-level-backend-developer',
      'senior-backend-developer',
      'lead-backend-developer',
    ]);
    expect(levels.map((l: any) => l.rank)).toEqual([1, 2, 3, 4]);
    expect(levels[0].yearsInLevel).toEqual({ min: 1, max: 2 });
    expect(levels[1].yearsInLevel).toEqual({ min: 2, max: 4 });
    expect(levels[2].yearsOfExperience).toEqual({ min: 5, max: null });
    for (const level of levels) {
      expect(level.citations).toContainEqual({
        section: 'What is the typical career progression for a back-end developer?',
        source: { slug: 'backend-career-guide' },
      });
    }
  });

  it("should keep both sources' salary figures, each cited", async () => {
    const { salaryBands } = await server.data(/* GraphQL */ `
      {
        salaryBands(filter: { role: "backend-developer" }) {
          label
          currency
          period
          region
          year
          min
          max
          level {
            slug
          }
          citations {
            section
            source {
              slug
            }
          }
        }
      }
    `);
    const figures = salaryBands.map((b: any) => [b.min, b.max, b.year]);
    expect(figures).toContainEqual([75000, 120000, null]);
    expect(figures).toContainEqual([115000, 154000, 2025]);
    const entry = salaryBands.find((b: any) => b.min === 81000);
    expect(entry).toMatchObject({
      currency: 'USD',
      period: 'ANNUAL',
      region: 'US',
      level: { slug: 'junior-backend-developer' },
    });
    for (const band of salaryBands) {
      expect(band.citations.length).toBeGreaterThan(0);
      expect(band.citations[0].source.slug).toBe('backend-career-guide');
    }
  });

  it('should store the growth forecast as numbers', async () => {
    const { role } = await server.data(
      `{ role(slug: "backend-developer") { outlooks { growthPercent throughYear citations { source { slug } } } } }`,
    );
    expect(role.outlooks).toContainEqual(
      expect.objectContaining({ growthPercent: 15, throughYear: 2025 }),
    );
  });

  it('should place Docker within server and cloud management', async () => {
    const { skill } = await server.data(
      `{ skill(slug: "docker") { broader { slug narrower { slug } } category citations { section } } }`,
    );
    expect(skill.broader.slug).toBe('server-and-cloud-management');
    expect(skill.broader.narrower.map((s: any) => s.slug)).toEqual(
      expect.arrayContaining(['docker', 'kubernetes', 'aws', 'ci-cd']),
    );
  });

  it('should cite the second source for the certifications it names', async () => {
    const { certification } = await server.data(/* GraphQL */ `
      {
        certification(slug: "ocpjp") {
          name
          issuer {
            slug
          }
          roles {
            slug
          }
          skills {
            slug
          }
          citations {
            source {
              slug
            }
          }
        }
      }
    `);
    expect(certification.issuer.slug).toBe('oracle');
    expect(certification.roles.map((r: any) => r.slug)).toContain('backend-developer');
    expect(certification.skills.map((s: any) => s.slug)).toContain('java');
    expect(certification.citations.map((c: any) => c.source.slug)).toContain(
      'endorse-backend-developer-guide',
    );
  });

  it('should list employers by sector, with many sectors each', async () => {
    const { employers } = await server.data(
      `{ employers(filter: { sector: "healthcare-technology" }, first: 50) { totalCount nodes { slug sectors { slug } } } }`,
    );
    const slugs = employers.nodes.map((e: any) => e.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(['epic-systems', 'cerner', 'mayo-clinic', 'cleveland-clinic']),
    );
    const { employer } = await server.data(
      `{ employer(slug: "amazon") { sectors { slug } offersInternships } }`,
    );
    expect(employer.sectors.length).toBeGreaterThan(1);
  });

  it('should filter employers offering internships', async () => {
    const { employers } = await server.data(
      `{ employers(filter: { offersInternships: true }, first: 100) { nodes { slug offersInternships } } }`,
    );
    expect(employers.nodes.map((e: any) => e.slug)).toEqual(
      expect.arrayContaining(['robinhood', 'snowflake', 'new-york-life']),
    );
    expect(employers.nodes.every((e: any) => e.offersInternships)).toBe(true);
  });

  it("should page a role's employers", async () => {
    const { role } = await server.data(
      `{ role(slug: "backend-developer") { employers(first: 5) { totalCount nodes { name } pageInfo { hasNextPage } } } }`,
    );
    expect(role.employers.nodes).toHaveLength(5);
    expect(role.employers.totalCount).toBeGreaterThanOrEqual(20);
    expect(role.employers.pageInfo.hasNextPage).toBe(true);
  });

  it('should refuse an unknown sector slug naming the argument', async () => {
    const result = await server.run(
      `{ employers(filter: { sector: "underwater" }) { totalCount } }`,
    );
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.argument).toBe('filter.sector');
  });

  it('should link the adjacent roles to back-end developer', async () => {
    const { role } = await server.data(
      `{ role(slug: "backend-developer") { relatedRoles { slug } } }`,
    );
    const related = role.relatedRoles.map((r: any) => r.slug);
    expect(related).toEqual(
      expect.arrayContaining([
        'solution-architect',
        'devops-engineer',
        'full-stack-developer',
        'technical-lead',
        'engineering-manager',
        'cto',
        'data-engineer',
      ]),
    );
  });

  it('should give every credential of the credentials table', async () => {
    const { credentials } = await server.data(
      `{ credentials(first: 100) { totalCount nodes { kind bestFor howItHelps citations { section } } } }`,
    );
    expect(credentials.totalCount).toBeGreaterThanOrEqual(5);
    const kinds = new Set(credentials.nodes.map((c: any) => c.kind));
    for (const kind of ['DEGREE', 'CERTIFICATION', 'CONTINUING_EDUCATION'])
      expect(kinds).toContain(kind);
  });

  it('should forgive hyphens and case in slugs, and return null for unknown ones', async () => {
    const data = await server.data(
      `{ a: role(slug: "Back-End-Developer") { slug } b: role(slug: "astronaut") { slug } }`,
    );
    expect(data).toEqual({ a: { slug: 'backend-developer' }, b: null });
  });

  it('should answer the advice the documents give, each cited', async () => {
    const { insights } = await server.data(
      `{ insights(filter: { kind: COMMON_MISTAKE }) { title points citations { source { slug } } } }`,
    );
    const sources = new Set(
      insights.flatMap((i: any) => i.citations.map((c: any) => c.source.slug)),
    );
    expect(sources).toEqual(new Set(['backend-career-guide', 'endorse-backend-developer-guide']));
  });

  it('should list both guides and the pages the occupation codes and certification lifecycles cite', async () => {
    const { sources } = await server.data(`{ sources { slug title } }`);
    expect(sources.map((s: any) => s.slug).sort()).toEqual([
      'ai-200-study-guide',
      'backend-career-guide',
      'bls-oews',
      'certquests-az-204-retirement',
      'endorse-backend-developer-guide',
      'isco-08',
      'nelson-ocp-17-or-21',
      'onet-soc-2019',
      'selikoff-java-21-exam',
      'soc-2018',
    ]);
  });
});

describe('Relay conventions', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('should fetch any node back by its opaque id', async () => {
    const { role, skill } = await server.data(
      `{ role(slug: "backend-developer") { id } skill(slug: "docker") { id } }`,
    );
    const { node, nodes } = await server.data(
      `query($id: ID!, $ids: [ID!]!) { node(id: $id) { __typename ... on Role { slug } } nodes(ids: $ids) { __typename ... on Skill { slug } } }`,
      { id: role.id, ids: [skill.id, role.id] },
    );
    expect(node).toEqual({ __typename: 'Role', slug: 'backend-developer' });
    expect(nodes).toEqual([{ __typename: 'Skill', slug: 'docker' }, { __typename: 'Role' }]);
  });

  it('should refuse a forged id and return null for a well-formed id of nothing', async () => {
    const forged = await server.run(`{ node(id: "bm90LWFuLWlk!") { __typename } }`);
    expect(codeOf(forged)).toBe('BAD_USER_INPUT');
    const missing = await server.data(`query($id: ID!) { node(id: $id) { __typename } }`, {
      id: Buffer.from('Role:no-such-role').toString('base64url'),
    });
    expect(missing.node).toBeNull();
  });

  it('should page skills with cursors, without repeats or gaps', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const { skills }: any = await server.data(
        `query($after: String) { skills(first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug } } } }`,
        { after },
      );
      total = skills.totalCount;
      seen.push(...skills.edges.map((e: any) => e.node.slug));
      if (!skills.pageInfo.hasNextPage) break;
      after = skills.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it.each([0, 101, -5])('should refuse first: %i naming the argument', async (first) => {
    const result = await server.run(`query($first: Int) { roles(first: $first) { totalCount } }`, {
      first,
    });
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.argument).toBe('first');
    expect(result.data).toBeNull();
  });

  it('should refuse a forged cursor naming the argument', async () => {
    const result = await server.run(`{ employers(after: "Zm9yZ2Vk") { totalCount } }`);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions?.argument).toBe('after');
  });

  it('should page a nested connection too', async () => {
    const { sector } = await server.data(
      `{ sector(slug: "financial-services") { employers(first: 1) { totalCount pageInfo { hasNextPage } nodes { slug } } } }`,
    );
    expect(sector.employers.nodes).toHaveLength(1);
    expect(sector.employers.pageInfo.hasNextPage).toBe(sector.employers.totalCount > 1);
  });
});
