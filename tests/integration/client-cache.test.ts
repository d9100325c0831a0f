import '../support/apollo-dev';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloClient, DocumentTransform, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { loadDevMessages, loadErrorMessages } from '@apollo/client/dev';
import { cacheExchange } from '@urql/exchange-graphcache';
import { Client, fetchExchange } from '@urql/core';
import { getIntrospectionQuery, GraphQLSchema } from 'graphql';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { createApiKey } from '../../src/core/auth/keys';
import { clientCacheJson, ClientCacheConfig } from '../../src/core/client-cache';
import { createSchema } from '../../src/app/schema';
import { readmeQueries, withIds, withIdsDocument } from '../support/readme-queries';
import { startHttp } from '../support/server';

type Server = Awaited<ReturnType<typeof startHttp>>;

const ROOT = join(__dirname, '..', '..');
const CONFIG: ClientCacheConfig = JSON.parse(
  readFileSync(join(ROOT, 'docs', 'client-cache.json'), 'utf8'),
);
const QUERIES = readmeQueries();

/** Everything a client library prints while `run` runs. */
async function consoleDuring(run: () => Promise<void>): Promise<string[]> {
  const printed: string[] = [];
  const spies = (['warn', 'error', 'log', 'debug'] as const).map((m) =>
    jest
      .spyOn(console, m)
      .mockImplementation(
        (...args: unknown[]) => void printed.push(`${m}: ${args.map(String).join(' ')}`),
      ),
  );
  try {
    await run();
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
  return printed;
}

describe('Client caches', () => {
  let server: Server;
  let schema: GraphQLSchema;
  let editorKey: string;

  beforeAll(async () => {
    loadDevMessages();
    loadErrorMessages();
    schema = await createSchema();
    server = await startHttp();
    editorKey = (await createApiKey(server.db, 'cache editor', ApiRole.EDITOR)).key;
  });
  afterAll(() => server.stop());

  const graphql = async (query: string, variables: Record<string, unknown> = {}, key?: string) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  };

  it('should keep docs/client-cache.json what the schema gives (run `npm run schema:emit`)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'client-cache.json'), 'utf8')).toBe(
      clientCacheJson(schema),
    );
    expect(CONFIG.possibleTypes.Node).toEqual(
      expect.arrayContaining(['CareerTransition', 'SkillRequirement', 'Role']),
    );
    expect(CONFIG.valueTypes).toEqual(
      expect.arrayContaining(['YearRange', 'SearchHit', 'SkillGap', 'EmployerConnection']),
    );
    expect(CONFIG.valueTypes).not.toContain('CareerTransition');
  });

  it('should give moves and skill requirements ids that node(id:) resolves', async () => {
    const { data } = await graphql(/* GraphQL */ `
      {
        careerPath(from: "junior-backend-developer", to: "senior-backend-developer") {
          steps {
            id
            from {
              slug
            }
            to {
              slug
            }
          }
        }
        role(slug: "backend-developer") {
          skills {
            id
            importance
            skill {
              slug
            }
          }
          levels {
            slug
            skills {
              id
              skill {
                slug
              }
            }
          }
        }
      }
    `);
    const step = data.careerPath.steps[0];
    const requirement = data.role.skills[0];
    const levelOwn = data.role.levels
      .flatMap((l: any) => l.skills)
      .find((r: any) => !data.role.skills.some((s: any) => s.id === r.id));
    const { data: nodes } = await graphql(
      /* GraphQL */ `
        query ($ids: [ID!]!) {
          nodes(ids: $ids) {
            __typename
            id
            ... on CareerTransition {
              from {
                slug
              }
              to {
                slug
              }
            }
            ... on SkillRequirement {
              importance
              skill {
                slug
              }
            }
          }
        }
      `,
      { ids: [step.id, requirement.id, levelOwn.id] },
    );
    expect(nodes.nodes).toEqual([
      { __typename: 'CareerTransition', id: step.id, from: step.from, to: step.to },
      {
        __typename: 'SkillRequirement',
        id: requirement.id,
        importance: requirement.importance,
        skill: requirement.skill,
      },
      expect.objectContaining({
        __typename: 'SkillRequirement',
        id: levelOwn.id,
        skill: levelOwn.skill,
      }),
    ]);
    expect(
      new Set(data.role.levels.flatMap((l: any) => l.skills.map((s: any) => s.id))).size,
    ).toBeGreaterThan(1);
  });

  it('should return the same ids from the mutations that write moves and requirements, and the deleted id', async () => {
    const { data: read } = await graphql(`
      {
        roleLevel(slug: "junior-backend-developer") {
          nextSteps {
            id
            version
            to {
              slug
            }
          }
        }
      }
    `);
    const move = read.roleLevel.nextSteps[0];
    const update = await graphql(
      `
        mutation ($input: CareerTransitionUpdateInput!) {
          careerTransitionUpdate(input: $input) {
            careerTransition {
              id
              version
            }
          }
        }
      `,
      {
        input: {
          from: 'junior-backend-developer',
          to: move.to.slug,
          version: move.version,
          changes: { typicalYears: { min: 1, max: 3 } },
        },
      },
      editorKey,
    );
    expect(update.data.careerTransitionUpdate.careerTransition).toEqual({
      id: move.id,
      version: move.version + 1,
    });

    const key = {
      role: 'backend-developer',
      level: 'junior-backend-developer',
      skill: 'kubernetes',
    };
    const set = await graphql(
      `
        mutation ($input: SkillRequirementSetInput!) {
          skillRequirementSet(input: $input) {
            skillRequirement {
              id
              importance
            }
          }
        }
      `,
      { input: { ...key, importance: 'OPTIONAL' } },
      editorKey,
    );
    const id = set.data.skillRequirementSet.skillRequirement.id;
    expect(
      (
        await graphql(
          `
            query ($id: ID!) {
              node(id: $id) {
                id
              }
            }
          `,
          { id },
        )
      ).data.node,
    ).toEqual({ id });
    const removed = await graphql(
      `
        mutation ($input: SkillRequirementKey!) {
          skillRequirementRemove(input: $input) {
            changed
            deletedId
          }
        }
      `,
      { input: key },
      editorKey,
    );
    expect(removed.data.skillRequirementRemove).toEqual({ changed: true, deletedId: id });
    expect(
      (
        await graphql(
          `
            query ($id: ID!) {
              node(id: $id) {
                id
              }
            }
          `,
          { id },
        )
      ).data.node,
    ).toBeNull();
  });

  const apolloClient = (cache: InMemoryCache, addIds: boolean) =>
    new ApolloClient({
      link: new HttpLink({ uri: `${server.url}/graphql`, useGETForQueries: true }),
      cache,
      ...(addIds
        ? { documentTransform: new DocumentTransform((doc) => withIdsDocument(schema, doc)) }
        : {}),
    });

  // both ways round: a question asked again with fewer fields must not drop what the cache held
  const runApollo = async (client: ApolloClient) => {
    for (const { name, query } of [...QUERIES, ...[...QUERIES].reverse()]) {
      const { data, error } = await client.query({
        query: gql(query),
        fetchPolicy: 'network-only',
      });
      expect({ name, error: error?.message }).toEqual({ name, error: undefined });
      expect(Object.values(data as object)[0]).toBeTruthy();
    }
  };

  it("should write every README query into Apollo Client's InMemoryCache with the documented config, without a warning", async () => {
    const cache = new InMemoryCache({
      possibleTypes: CONFIG.possibleTypes,
      typePolicies: CONFIG.typePolicies,
    });
    const printed = await consoleDuring(() => runApollo(apolloClient(cache, true)));
    expect(printed).toEqual([]);
    const keys = Object.keys(cache.extract());
    for (const type of [
      'CareerTransition',
      'SkillRequirement',
      'RoleLevel',
      'Skill',
      'SalaryBand',
      'Employer',
    ]) {
      expect(keys.some((k) => k.startsWith(`${type}:`))).toBe(true);
    }
  });

  it('should write the README queries as printed (no ids asked) without a warning too', async () => {
    const cache = new InMemoryCache({
      possibleTypes: CONFIG.possibleTypes,
      typePolicies: CONFIG.typePolicies,
    });
    expect(await consoleDuring(() => runApollo(apolloClient(cache, false)))).toEqual([]);
  });

  it('should warn without the config, as the checks above would if the config fell short', async () => {
    // first: Apollo gives each data-loss warning once per process
    const noPolicies = await consoleDuring(() =>
      runApollo(apolloClient(new InMemoryCache({ possibleTypes: CONFIG.possibleTypes }), true)),
    );
    expect(noPolicies.join('\n')).toMatch(/Cache data may be lost/);
    const bare = await consoleDuring(() => runApollo(apolloClient(new InMemoryCache(), true)));
    expect(bare.join('\n')).toMatch(/missing `possibleTypes` entry/);
  });

  it("should write every README query into urql's graphcache with the documented config, without a warning", async () => {
    const keys = Object.fromEntries(CONFIG.valueTypes.map((t) => [t, () => null]));
    // graphcache still walks fragments of other types when writing with possibleTypes alone (and
    // warns of their missing fields): it wants the schema, which introspection serves
    const { data: introspection } = await graphql(getIntrospectionQuery());
    const client = new Client({
      url: `${server.url}/graphql`,
      exchanges: [cacheExchange({ keys, schema: introspection }), fetchExchange],
    });
    const printed = await consoleDuring(async () => {
      for (const { name, query } of QUERIES) {
        const result = await client
          .query(withIds(schema, query), {}, { requestPolicy: 'network-only' })
          .toPromise();
        expect({ name, error: result.error?.message }).toEqual({ name, error: undefined });
        expect(Object.values(result.data ?? {})[0]).toBeTruthy();
      }
    });
    expect(printed).toEqual([]);
  });

  it('should have graphcache warn of un-keyed objects without the value types, as the check above would', async () => {
    const { data: introspection } = await graphql(getIntrospectionQuery());
    const client = new Client({
      url: `${server.url}/graphql`,
      exchanges: [cacheExchange({ schema: introspection }), fetchExchange],
    });
    const printed = await consoleDuring(async () => {
      for (const { query } of QUERIES) await client.query(withIds(schema, query), {}).toPromise();
    });
    expect(printed.join('\n')).toMatch(/Invalid key/);
  });
});
