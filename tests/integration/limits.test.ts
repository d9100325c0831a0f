import { DEFAULT_SECURITY, SecuritySettings } from '../../src/core/limits';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { json, startHttp } from '../support/server';

const post = async (url: string, query: string, variables?: Record<string, unknown>) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await json(res) };
};

/** Query limits, checked before execution: each refusal has its code and runs no SQL. */
describe('Query limits', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;
  const security: SecuritySettings = {
    ...DEFAULT_SECURITY,
    limits: {
      maxDepth: 6,
      maxAliases: 5,
      maxDirectives: 4,
      maxTokens: 400,
      maxCost: 2000,
      maxNameLength: 40,
      maxVariablesDepth: 5,
    },
    rateLimit: { points: 0, windowSeconds: 60 },
  };

  beforeAll(async () => {
    server = await startHttp(undefined, { config: { security } });
  });
  afterAll(() => server.stop());

  const run = (query: string, variables?: Record<string, unknown>) =>
    post(server.url, query, variables);

  const refusedBeforeExecution = (body: any, code: string) => {
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe(code);
    expect(body.extensions.sqlStatements).toBe(0);
  };

  it('should refuse a query nested deeper than the limit with QUERY_TOO_DEEP', async () => {
    const { status, body } = await run(/* GraphQL */ `
      {
        role(slug: "backend-developer") {
          levels {
            nextSteps {
              to {
                role {
                  levels {
                    name
                  }
                }
              }
            }
          }
        }
      }
    `);
    expect(status).toBe(400);
    refusedBeforeExecution(body, 'QUERY_TOO_DEEP');
    expect(body.errors[0].message).toBe(
      'The query nests 7 levels deep; the limit is 6 (MAX_QUERY_DEPTH). Ask for less at once, or page.',
    );
    expect(body.errors[0].extensions).toMatchObject({ depth: 7, limit: 6 });
  });

  it('should measure depth through fragments and inline fragments', async () => {
    const { body } = await run(/* GraphQL */ `
      fragment Deep on RoleLevel {
        nextSteps {
          to {
            role {
              ... on Role {
                levels {
                  name
                }
              }
            }
          }
        }
      }
      {
        role(slug: "backend-developer") {
          levels {
            ...Deep
          }
        }
      }
    `);
    refusedBeforeExecution(body, 'QUERY_TOO_DEEP');
  });

  it('should accept a query at the depth limit', async () => {
    const { status, body } = await run(/* GraphQL */ `
      {
        role(slug: "backend-developer") {
          levels {
            nextSteps {
              to {
                role {
                  name
                }
              }
            }
          }
        }
      }
    `);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.role.levels.length).toBeGreaterThan(0);
  });

  it('should refuse circular fragments without looping', async () => {
    const { status, body } = await run(/* GraphQL */ `
      fragment A on Role {
        relatedRoles {
          ...B
        }
      }
      fragment B on Role {
        relatedRoles {
          ...A
        }
      }
      {
        role(slug: "backend-developer") {
          ...A
        }
      }
    `);
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/Cannot spread fragment "A" within itself/);
    expect(body.extensions.sqlStatements).toBe(0);
  });

  it('should refuse a name longer than the limit with NAME_TOO_LONG, in the document or in operationName', async () => {
    const long = `Q${'x'.repeat(40)}`;
    const inDocument = await run(`query ${long} { skill(slug: "go") { name } }`);
    expect(inDocument.status).toBe(400);
    refusedBeforeExecution(inDocument.body, 'NAME_TOO_LONG');
    expect(inDocument.body.errors[0].extensions).toMatchObject({ length: 41, limit: 40 });
    const alias = await run(`{ ${long.toLowerCase()}: skill(slug: "go") { name } }`);
    refusedBeforeExecution(alias.body, 'NAME_TOO_LONG');
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ${long} { skill(slug: "go") { name } }`,
        operationName: long,
      }),
    });
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].extensions).toMatchObject({
      code: 'NAME_TOO_LONG',
      field: 'operationName',
      limit: 40,
    });
    const atLimit = await run(`query ${long.slice(0, 40)} { skill(slug: "go") { name } }`);
    expect(atLimit.body.data.skill.name).toBe('Go');
  });

  it('should refuse variables nested deeper than the limit with BAD_USER_INPUT, before reading them', async () => {
    const query = 'query Deep($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const nested = (depth: number): unknown => (depth === 0 ? 'x' : [nested(depth - 1)]);
    // { ids: [[[[ "x" ]]]] } nests 5 deep: at the limit, answered (as a GraphQL coercion error)
    const atLimit = await run(query, { ids: nested(4) });
    expect(atLimit.body.errors[0].message).toMatch(/ID cannot represent value/);
    const over = await run(query, { ids: nested(5) });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'variables',
      limit: 5,
    });
    // far deeper than any recursive walk survives: refused the same way, never a 500
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":${JSON.stringify(query)},"variables":{"ids":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
    });
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const get = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ ids: nested(5) }))}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(get.status).toBe(400);
    expect((await json(get)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('should refuse more aliases than the limit with TOO_MANY_ALIASES', async () => {
    const fields = Array.from(
      { length: 6 },
      (_, i) => `a${i}: role(slug: "backend-developer") { name }`,
    ).join(' ');
    const { status, body } = await run(`{ ${fields} }`);
    expect(status).toBe(400);
    refusedBeforeExecution(body, 'TOO_MANY_ALIASES');
    expect(body.errors[0].message).toBe(
      'The query has 6 aliases; the limit is 5 (MAX_QUERY_ALIASES)',
    );
  });

  it('should refuse more directives than the limit with TOO_MANY_DIRECTIVES', async () => {
    const { status, body } = await run(
      `{ __typename @skip(if: false) @include(if: true) sources { title @skip(if: false) @include(if: true) slug @skip(if: false) } }`,
    );
    expect(status).toBe(400);
    refusedBeforeExecution(body, 'TOO_MANY_DIRECTIVES');
    expect(body.errors[0].extensions).toMatchObject({ count: 5, limit: 4 });
  });

  it('should refuse a document over the token limit with TOO_MANY_TOKENS, before parsing it all', async () => {
    const { status, body } = await run(`{ sources { ${'title '.repeat(500)} } }`);
    expect(status).toBe(400);
    refusedBeforeExecution(body, 'TOO_MANY_TOKENS');
    expect(body.errors[0].message).toBe(
      'The query has more than 400 tokens (the limit, MAX_QUERY_TOKENS); it was not parsed',
    );
  });

  it('should refuse a query whose first multiplies past the cost limit with QUERY_TOO_COMPLEX', async () => {
    const { status, body } = await run(/* GraphQL */ `
      {
        roles(first: 100) {
          nodes {
            levels {
              skills {
                skill {
                  name
                }
              }
            }
          }
        }
      }
    `);
    expect(status).toBe(400);
    refusedBeforeExecution(body, 'QUERY_TOO_COMPLEX');
    expect(body.errors[0].extensions).toMatchObject({ cost: 21101, limit: 2000 });
    expect(body.errors[0].message).toMatch(
      /^The query's estimated cost is 21101; the limit is 2000 \(MAX_QUERY_COST\)/,
    );
  });

  it('should cost a first given in a variable, and refuse it too', async () => {
    const query = /* GraphQL */ `
      query Roles($n: Int) {
        roles(first: $n) {
          nodes {
            levels {
              skills {
                skill {
                  name
                }
              }
            }
          }
        }
      }
    `;
    refusedBeforeExecution((await run(query, { n: 100 })).body, 'QUERY_TOO_COMPLEX');
    const small = await run(query, { n: 2 });
    expect(small.body.errors).toBeUndefined();
    expect(small.body.extensions.cost).toEqual({ requested: 1 + 2 + 20 + 200 + 200, limit: 2000 });
  });

  it('should refuse a first of a million by naming first, not as too complex, and charge it as the largest page', async () => {
    const { status, body } = await run('{ roles(first: 1000000) { nodes { name } } }');
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].message).toBe('"first" must be between 1 and 100, got 1000000');
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    expect(body.extensions.cost).toMatchObject({ requested: 1 + 100 });
  });

  it('should count the refusals by limit in the metrics', async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /careergraph_rate_limit_refusals_total\{limit="QUERY_TOO_DEEP"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /careergraph_rate_limit_refusals_total\{limit="QUERY_TOO_COMPLEX"\} [1-9]/,
    );
  });

  it('should report the cost of every accepted query in extensions', async () => {
    const { status, body } = await run(/* GraphQL */ `
      {
        roles(first: 3) {
          totalCount
          nodes {
            name
            levels {
              name
            }
          }
        }
      }
    `);
    expect(status).toBe(200);
    expect(body.extensions.cost).toEqual({ requested: 1 + 3 + 30, limit: 2000 });
    expect(body.extensions.sqlStatements).toBeGreaterThan(0);
  });
});

describe('Query limits at their defaults', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;

  beforeAll(async () => {
    server = await startHttp();
  });
  afterAll(() => server.stop());

  it('should let the standard introspection query through, deep as it is (contract check, playground)', async () => {
    const { status, body } = await post(
      server.url,
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }),
    );
    expect(status).toBe(200);
    expect(body.data.__schema.queryType.name).toBe('Query');
    expect(body.extensions.cost).toEqual({ requested: 16424, limit: 500000 });
  });

  it('should refuse a self-nesting introspection query (graphql-js limits introspection depth itself)', async () => {
    const nest = (n: number): string => (n === 0 ? 'name' : `fields { type { ${nest(n - 1)} } }`);
    const { status, body } = await post(server.url, `{ __schema { types { ${nest(6)} } } }`);
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({
      message: 'Maximum introspection depth exceeded',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  const examples = join(__dirname, '..', '..', 'docs', 'examples');
  const files = readdirSync(examples).filter((f) => f.endsWith('.graphql'));

  it.each(files)('should run the documented example %s within every limit', async (file) => {
    const { status, body } = await post(server.url, readFileSync(join(examples, file), 'utf8'));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.extensions.cost.requested).toBeLessThan(5000);
  });
});
