import { ApolloServer } from '@apollo/server';
import { CompiledExecutor, compiledExecutorGateway } from '../../src/core/compiled-executor';
import { createContext, Context } from '../../src/core/context';
import { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { buildLeanSchema, buildWrappedSchema, createSchema } from '../../src/app/schema';
import { Result, TestServer } from '../support/server';

/** Queries of every shape the API answers, good and bad, with the variables they take. */
const CASES: [string, string, Record<string, unknown> | undefined][] = [
  [
    'nested lists and objects',
    `query($first: Int!) { roles(first: $first) { totalCount pageInfo { hasNextPage endCursor } nodes { id slug name
      levels { id slug rank yearsInLevel { min max } skills { importance skill { slug name broader { slug } certifications { slug issuer { name } } } } }
      salaryBands { label currency min max citations { section source { title } } }
      employers(first: 3) { totalCount nodes { slug sectors { slug name } } } } } }`,
    { first: 4 },
  ],
  [
    'interface and its fragments',
    `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Role { slug levels { slug } } ... on Skill { name } } }`,
    { ids: [] },
  ],
  [
    'union-like search hits',
    `{ search(query: "cloud security", first: 8) { score node { __typename id ... on Role { name } ... on Skill { name category } ... on Insight { title } } } }`,
    undefined,
  ],
  [
    'route search',
    `{ careerPath(from: "junior-backend-developer", to: "solution-architect") { typicalYears { min max } steps { kind from { slug } to { slug } } skillsToGain { slug } } }`,
    undefined,
  ],
  [
    'skill gap with unknown inputs',
    `query($have: [String!]!) { skillGap(target: "senior-backend-developer", have: $have) { coverage unrecognized matched { skill { slug } } missing { importance skill { slug } } } }`,
    { have: ['Docker', 'nonsense', 'SQL'] },
  ],
  [
    'aliases, skip and include',
    `query($yes: Boolean!) { a: role(slug: "cto") { name } b: role(slug: "Back-End-Developer") { slug levels @include(if: $yes) { slug } name @skip(if: $yes) } }`,
    { yes: true },
  ],
  ['a missing role', `{ role(slug: "no-such-role") { slug } }`, undefined],
  ['a page too large', `{ roles(first: 1000) { nodes { slug } } }`, undefined],
  ['a forged cursor', `{ roles(first: 2, after: "not-a-cursor") { nodes { slug } } }`, undefined],
  [
    'a variable of the wrong type',
    `query($first: Int!) { roles(first: $first) { nodes { slug } } }`,
    { first: 'ten' },
  ],
  ['a missing variable', `query($slug: String!) { role(slug: $slug) { slug } }`, {}],
  ['an id of another type', `{ node(id: "not-an-id") { id } }`, undefined],
  [
    'an unknown route end',
    `{ careerPath(from: "junior-backend-developer", to: "astronaut") { typicalYears { min } } }`,
    undefined,
  ],
];

/** Whether Apollo has wrapped every field of `schema` for its willResolveField hooks. */
const wrappedByApollo = (schema: GraphQLSchema) =>
  Object.getOwnPropertySymbols(schema).some((s) => s.description === 'apolloServerPluginsEnabled');

/**
 * The lean, compiled server against type-graphql's schema as built run by graphql-js, in the two
 * deployed configurations: HTTP_CACHE_MAX_AGE=0 with no response cache, and the default (max age
 * 60 s and the response cache). In neither does anything wrap the lean schema's fields again: the
 * cache policy is decided once per request (src/core/http-cache/static-policy.ts), where Apollo's
 * cache-control plugin used to wrap every field.
 */
describe.each([
  {
    config: 'the response cache off',
    httpCacheMaxAge: 0,
    responseCache: undefined,
    wrapped: false,
  },
  {
    config: 'the default configuration',
    httpCacheMaxAge: undefined,
    responseCache: {},
    wrapped: false,
  },
])('Executing queries with $config', ({ httpCacheMaxAge, responseCache, wrapped }) => {
  let reference: TestServer;
  let compiled: TestServer;
  let leanSchema: GraphQLSchema;
  const cases = CASES.map(
    ([name, query, variables]) => [name, query, variables] as (typeof CASES)[number],
  );

  beforeAll(async () => {
    // new schemas for each configuration: Apollo's wrapping stays on a schema once done
    leanSchema = await buildLeanSchema();
    const common = { production: true, httpCacheMaxAge, responseCache };
    // type-graphql's schema as built, run by graphql-js: the behaviour to keep
    reference = await TestServer.start({
      ...common,
      executor: { kind: 'graphql-js' },
      schema: await buildWrappedSchema(),
    });
    compiled = await TestServer.start({
      ...common,
      executor: { kind: 'jit', compileAfter: 1 },
      schema: leanSchema,
    });
    const { role, skill } = await reference.data(
      `{ role(slug: "backend-developer") { id } skill(slug: "docker") { id } }`,
    );
    cases[1][2] = { ids: [skill.id, role.id, 'Um9sZTpub3BlOm5vcGU='] };
  });
  afterAll(() => Promise.all([reference.stop(), compiled.stop()]));

  const answer = ({ data, errors }: Result) => ({ data, errors });

  it.each(CASES.map((c) => c[0]))(
    'should answer %s compiled exactly as graphql-js does',
    async (name) => {
      const [, query, variables] = cases.find((c) => c[0] === name)!;
      const expected = answer(await reference.run(query, variables));
      expect(answer(await compiled.run(query, variables))).toEqual(expected);
      expect(answer(await compiled.run(query, variables))).toEqual(expected); // and again, from the compiled cache
    },
  );

  it(`should run the lean schema ${wrapped ? 'with' : 'without'} Apollo's wrapper on every field`, async () => {
    await compiled.run(CASES[0][1], CASES[0][2]);
    expect(wrappedByApollo(leanSchema)).toBe(wrapped);
    // a plain property the lean pass left to graphql's default resolver, unless Apollo wrapped it again
    const name = (leanSchema.getType('Role') as GraphQLObjectType).getFields().name;
    expect(name.resolve === undefined).toBe(!wrapped);
  });

  it('should not have been handed identical answers by a broken reference', async () => {
    const { data } = await reference.run(CASES[0][1], CASES[0][2]);
    expect(data.roles.nodes).toHaveLength(4);
    expect(data.roles.nodes[0].id).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(
      data.roles.nodes.flatMap((r: any) => r.levels.flatMap((l: any) => l.skills)).length,
    ).toBeGreaterThan(20);
  });
});

describe('The compiled executor', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ seedsDir: null });
  });
  afterAll(() => server.stop());

  async function withExecutor(
    executor: CompiledExecutor,
    work: (run: (query: string) => Promise<unknown>) => Promise<void>,
  ) {
    const schema = await createSchema();
    const apollo = new ApolloServer<Context>({
      gateway: compiledExecutorGateway(schema, executor),
    });
    await apollo.start();
    try {
      await work(async (query) => {
        const response = await apollo.executeOperation(
          { query },
          { contextValue: createContext(server.db, 't', { statements: 0 }) },
        );
        return response.body.kind === 'single' ? response.body.singleResult : null;
      });
    } finally {
      await apollo.stop();
    }
  }

  it('should compile a query the second time it arrives, not the first', async () => {
    const executor = new CompiledExecutor(await createSchema());
    await withExecutor(executor, async (run) => {
      await run('{ roles(first: 1) { nodes { slug } } }');
      expect(executor.size).toBe(0);
      await run('{ roles(first: 1) { nodes { slug } } }');
      expect(executor.size).toBe(1);
    });
  });

  it('should keep a bounded number of compiled queries', async () => {
    const executor = new CompiledExecutor(await createSchema(), {
      compileAfter: 1,
      maxCompiled: 2,
    });
    await withExecutor(executor, async (run) => {
      for (const first of [1, 2, 3, 4]) await run(`{ roles(first: ${first}) { nodes { slug } } }`);
      expect(executor.size).toBe(2);
    });
  });

  it('should leave mutations to graphql-js', async () => {
    const executor = new CompiledExecutor(await createSchema(), { compileAfter: 1 });
    await withExecutor(executor, async (run) => {
      const mutation =
        'mutation { relationLink(input: { relation: CERTIFICATION_SKILL, from: "x", to: "y" }) { changed } }';
      for (let i = 0; i < 2; i += 1) {
        const result = (await run(mutation)) as any;
        expect(result.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      expect(executor.size).toBe(0);
    });
  });
});
