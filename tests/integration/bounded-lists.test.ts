import { getNamedType, getNullableType, isCompositeType, isListType, isObjectType } from 'graphql';
import { OWN_FACTS } from '../../src/core/bounded-lists';
import { createSchema } from '../../src/app/schema';
import { largeListSeeds } from '../support/fixtures';
import { codeOf, TestServer } from '../support/server';

/** Pages through a connection field of Query to its end; returns every node's slug and the totalCount seen. */
async function pageThrough(server: TestServer, field: string, args = '') {
  const slugs: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const data: any = await server.data(
      `query ($after: String) { ${field}(first: 100, after: $after${args ? `, ${args}` : ''}) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    const page = data[field];
    totalCount = page.totalCount;
    slugs.push(...page.nodes.map((n: { slug: string }) => n.slug));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { slugs, totalCount };
}

describe('Bounded, honest lists', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ seedsDir: largeListSeeds() });
  }, 120_000);
  afterAll(() => server.stop());

  it("should give every list of objects a first argument, but a record's own facts", async () => {
    const schema = await createSchema();
    const unbounded: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        !isObjectType(type) ||
        type.name.startsWith('__') ||
        type.name === 'Mutation' ||
        type.name.endsWith('Connection')
      )
        continue;
      for (const field of Object.values(type.getFields())) {
        const list =
          isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type));
        if (
          list &&
          field.name !== 'citations' &&
          field.name !== 'userErrors' &&
          !field.args.some((a) => a.name === 'first')
        )
          unbounded.push(`${type.name}.${field.name}`);
      }
    }
    expect(unbounded.sort()).toEqual([...OWN_FACTS].sort());
    const sectors = schema
      .getQueryType()!
      .getFields()
      .sectors.args.find((a) => a.name === 'first');
    expect(sectors?.defaultValue).toBe(100);
  });

  it('should return at most 100 sectors of 130, and page through all 130 with sectorsConnection', async () => {
    const data = await server.data(`{ sectors { slug } few: sectors(first: 5) { slug } }`);
    expect(data.sectors).toHaveLength(100);
    expect(data.few).toHaveLength(5);
    const all = await pageThrough(server, 'sectorsConnection');
    expect(all.totalCount).toBe(130);
    expect(new Set(all.slugs).size).toBe(130);
  });

  it('should bound a list on an object: a skill all 620 roles ask for', async () => {
    const data = await server.data(
      `{ skill(slug: "widget-0") { roles { slug } some: roles(first: 7) { slug } } }`,
    );
    expect(data.skill.roles).toHaveLength(100);
    expect(data.skill.some).toHaveLength(7);
  });

  it.each([0, 101, -1])(
    'should refuse first: %d with BAD_USER_INPUT naming first',
    async (first) => {
      const result = await server.run(`{ sectors(first: ${first}) { slug } }`);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions?.argument).toBe('first');
    },
  );

  it('should count every match of a filtered roles list (it stopped at 500), and page through them all', async () => {
    const all = await pageThrough(server, 'roles', 'filter: { search: "engineer" }');
    expect(all.totalCount).toBe(620);
    expect(new Set(all.slugs).size).toBe(620);
  });

  it('should count every match of a filtered skills list (it stopped at 1000), and page through them all', async () => {
    const all = await pageThrough(server, 'skills', 'filter: { search: "widget" }');
    expect(all.totalCount).toBe(1050);
    expect(new Set(all.slugs).size).toBe(1050);
  });

  it('should cost a bounded list at its real bound', async () => {
    const { estimateCost } = await import('../../src/core/limits');
    const { parse } = await import('graphql');
    const schema = await createSchema();
    const cost = (q: string) => {
      const doc = parse(q);
      return estimateCost(schema, doc.definitions[0] as any, {});
    };
    expect(cost('{ sectors { name } }')).toBe(100);
    expect(cost('{ sectors(first: 5) { name } }')).toBe(5);
    expect(cost('{ skill(slug: "x") { roles { name } } }')).toBe(101);
    expect(cost('{ role(slug: "x") { levels { name } } }')).toBe(11); // own facts: the assumed 10
  });
});
