import { codeOf, TestServer } from '../support/server';

const SEARCH = /* GraphQL */ `
  query Search($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      score
      node { __typename ... on Role { slug } ... on Skill { slug } ... on Employer { slug } ... on Certification { slug } ... on RoleLevel { slug } }
    }
  }
`;

describe('search', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  const search = async (query: string, first?: number) => (await server.data(SEARCH, { query, first })).search;

  it('should put the skill named by the words first', async () => {
    const hits = await search('kubernetes');
    expect(hits[0].node).toEqual({ __typename: 'Skill', slug: 'kubernetes' });
  });

  // The same best hits on SQLite (FTS5, BM25) and PostgreSQL (tsvector, ts_rank weighted by IDF).
  it.each([
    ['solution architect', 'Role:solution-architect'],
    ['kubernetes cloud', 'Skill:kubernetes'],
    ['aws certification', 'Certification:aws-certified-developer-associate'],
    ['full stack', 'Role:full-stack-developer'],
    ['robinhood', 'Employer:robinhood'],
    ['cto', 'Role:cto'],
  ])('should give %j the best hit %s on either engine', async (query, best) => {
    const [first] = await search(query);
    expect(`${first.node.__typename}:${first.node.slug}`).toBe(best);
  });

  it('should rank best first with positive scores', async () => {
    const hits = await search('solution architect');
    expect(hits.length).toBeGreaterThan(1);
    const scores = hits.map((h: any) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.every((s: number) => s > 0)).toBe(true);
    expect(hits.slice(0, 3).map((h: any) => h.node.slug)).toContain('solution-architect');
  });

  it('should find every kind of entity', async () => {
    const kinds = new Set<string>();
    for (const q of ['robinhood', 'ocpjp', 'docker', 'junior', 'engineering manager']) {
      for (const hit of await search(q, 50)) kinds.add(hit.node.__typename);
    }
    expect(kinds).toEqual(expect.objectContaining({}));
    for (const kind of ['Employer', 'Certification', 'Skill', 'RoleLevel', 'Role']) expect(kinds).toContain(kind);
  });

  it('should match word prefixes and stems', async () => {
    expect((await search('postgr')).map((h: any) => h.node.slug)).toContain('postgresql');
    expect((await search('developers')).length).toBeGreaterThan(0);
  });

  it('should return nothing for nonsense', async () => {
    expect(await search('xyzzy qwertyuiop')).toEqual([]);
    expect(await search('the and of')).toEqual([]);
  });

  it('should treat FTS syntax in the query as plain words', async () => {
    expect(await search('"docker" OR NEAR(*) ^ -')).not.toHaveLength(0);
    const result = await server.run(SEARCH, { query: `'); DROP TABLE roles; --` });
    expect(result.errors).toBeUndefined();
    expect((await server.data(`{ role(slug: "backend-developer") { slug } }`)).role).not.toBeNull();
  });

  it('should search one kind of node through a list filter', async () => {
    const { roles, skills } = await server.data(/* GraphQL */ `
      {
        roles(filter: { search: "architect" }) { nodes { slug } }
        skills(filter: { search: "kubernetes" }) { nodes { slug } }
      }
    `);
    expect(roles.nodes[0]).toEqual({ slug: 'solution-architect' });
    expect(skills.nodes[0]).toEqual({ slug: 'kubernetes' });
  });

  it('should honour first within 1..100', async () => {
    expect(await search('developer', 3)).toHaveLength(3);
    expect(codeOf(await server.run(SEARCH, { query: 'developer', first: 500 }))).toBe('BAD_USER_INPUT');
  });
});
