import { gzipSync } from 'node:zlib';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { createApiKey, revokeApiKey } from '../../src/core/auth/keys';
import { DEFAULT_SECURITY } from '../../src/core/limits';
import { toGlobalId } from '../../src/core/relay';
import { createSchema } from '../../src/app/schema';
import { operationFor, textArguments, textEverywhere } from '../support/schema-samples';
import { startHttp } from '../support/server';
import { snapshot } from '../support/snapshot';

type Server = Awaited<ReturnType<typeof startHttp>>;

/** One hostile or malformed request, and how it must be refused (or safely answered). */
interface Case {
  name: string;
  method?: 'GET' | 'POST';
  /** A value is sent as JSON; a string or Buffer as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Query string of a GET. */
  search?: Record<string, string>;
  /** Who sends it: no key, or a key of a role (made fresh), forged or revoked. */
  as?: 'editor' | 'reader' | 'forged' | 'revoked';
  status: number;
  /** errors[0].extensions.code; null: no errors at all. */
  code: string | null;
}

const nest = (depth: number): string =>
  depth === 0 ? 'name' : `relatedRoles { ${nest(depth - 1)} }`;
const SKILL_UPDATE =
  'mutation($input: SkillUpdateInput!) { skillUpdate(input: $input) { skill { version } } }';
const SECTOR_CREATE = {
  query: 'mutation($input: SectorCreateInput!) { sectorCreate(input: $input) { sector { slug } } }',
  variables: {
    input: {
      slug: 'hostile',
      name: 'Hostile',
      description: 'd',
      cite: [{ source: 'backend-career-guide', section: 'x' }],
    },
  },
};
const fragmentBomb = (levels: number) =>
  [
    ...Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ),
    `fragment F${levels} on Query { sources { title } }`,
    '{ ...F0 }',
  ].join('\n');

const CASES: Case[] = [
  {
    name: 'nesting 40 levels deep',
    body: { query: `{ role(slug: "backend-developer") { ${nest(40)} } }` },
    status: 400,
    code: 'QUERY_TOO_DEEP',
  },
  {
    name: 'circular fragments',
    body: {
      query:
        'fragment A on Role { relatedRoles { ...B } } fragment B on Role { relatedRoles { ...A } } { roles { nodes { ...A } } }',
    },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a fragment spread twice per level, 40 levels (2^40 fields)',
    body: { query: fragmentBomb(40) },
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: '1000 aliases of one field',
    body: { query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }` },
    status: 400,
    code: 'TOO_MANY_ALIASES',
  },
  {
    name: '40 aliased path searches',
    body: {
      query: `{ ${Array.from({ length: 40 }, (_, i) => `p${i}: careerPaths(from: "junior-backend-developer", to: "solution-architect", first: 10) { rank }`).join(' ')} }`,
    },
    status: 400,
    code: 'TOO_MANY_ALIASES',
  },
  {
    name: 'a batch of 1000 operations',
    body: Array.from({ length: 1000 }, () => ({ query: '{ sources { title } }' })),
    status: 400,
    code: 'BATCHING_DISABLED',
  },
  {
    name: 'first: 1 000 000 000',
    body: { query: '{ roles(first: 1000000000) { nodes { name } } }' },
    // costed as the largest page (100), so the resolver's refusal names the argument
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'first beyond 32-bit Int',
    body: { query: '{ roles(first: 99999999999) { totalCount } }' },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'first: 500 (over the page maximum)',
    body: { query: '{ roles(first: 500) { totalCount } }' },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'first: -1',
    body: { query: '{ skills(first: -1) { totalCount } }' },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'nested connections of 100 under 100',
    body: {
      query:
        '{ sectors { employers(first: 100) { nodes { roles { employers(first: 100) { nodes { name } } } } } } }',
    },
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'a forged cursor',
    body: { query: '{ roles(after: "bm90LWEtY3Vyc29y") { totalCount } }' },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a cursor with an absurd offset',
    body: {
      query: `{ roles(after: "${Buffer.from('cursor:v1:9999999999999').toString('base64url')}") { totalCount } }`,
    },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a forged global id',
    body: { query: '{ node(id: "%%%\' OR 1=1") { id } }' },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a global id of a type that does not exist',
    body: { query: `{ node(id: "${toGlobalId('ApiKey', 'root')}") { id } }` },
    status: 200,
    code: null,
  },
  {
    name: '101 ids at once',
    body: {
      query: `{ nodes(ids: [${Array.from({ length: 101 }, (_, i) => `"${toGlobalId('Role', `r${i}`)}"`).join(',')}]) { id } }`,
    },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a NUL character in a slug',
    body: { query: '{ role(slug: "backend\\u0000developer") { name } }' },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a NUL character deep in a variable',
    body: {
      query: 'query($f: SalaryBandFilter) { salaryBands(filter: $f) { label } }',
      variables: { f: { role: 'a\u0000' } },
    },
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a 2 MB body',
    body: { query: `{ __typename } # ${'x'.repeat(2_000_000)}` },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a gzip bomb (20 KB that inflates to 8 MB)',
    body: gzipSync(JSON.stringify({ query: `{ __typename } # ${' '.repeat(8_000_000)}` })),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  { name: 'malformed JSON', body: '{"query": "{ __typename }"', status: 400, code: 'BAD_REQUEST' },
  {
    name: 'a JSON string instead of an object',
    body: '"{ __typename }"',
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'a query that is not a string', body: { query: 42 }, status: 400, code: 'BAD_REQUEST' },
  {
    name: 'variables that are not an object',
    body: { query: '{ __typename }', variables: 'x=1' },
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'no query at all', body: {}, status: 400, code: 'BAD_REQUEST' },
  { name: 'an empty JSON body', body: '', status: 400, code: 'BAD_REQUEST' },
  {
    name: 'text/plain (a CSRF-style simple request)',
    body: '{"query":"{ __typename }"}',
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'application/xml',
    body: '<query>{ __typename }</query>',
    headers: { 'content-type': 'application/xml' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'no content type',
    body: '{"query":"{ __typename }"}',
    headers: {},
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a mutation over GET with an editor key',
    method: 'GET',
    search: { query: 'mutation { skillDelete(input: { slug: "docker", version: 1 }) { key } }' },
    headers: {},
    as: 'editor',
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    name: 'a mutation over GET without a key',
    method: 'GET',
    search: { query: 'mutation { sectorDelete(input: { slug: "fintech", version: 1 }) { key } }' },
    headers: {},
    status: 405,
    code: 'BAD_REQUEST',
  },
  {
    name: '60 directives',
    body: {
      query: `{ sources { ${Array.from({ length: 60 }, () => 'title @include(if: true)').join(' ')} } }`,
    },
    status: 400,
    code: 'TOO_MANY_DIRECTIVES',
  },
  {
    name: '6000 tokens',
    body: { query: `{ sources { ${'title '.repeat(6000)} } }` },
    status: 400,
    code: 'TOO_MANY_TOKENS',
  },
  {
    name: '800 fields of one name (graphql-js stops comparing them)',
    body: { query: `{ ${'__typename '.repeat(800)}}` },
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'a list literal nested 2000 deep (deeper than the parser can follow)',
    body: {
      query: `{ skillGap(target: "x", have: ${'['.repeat(2000)}"a"${']'.repeat(2000)}) { coverage } }`,
    },
    status: 400,
    code: 'QUERY_TOO_DEEP',
  },
  {
    name: 'an unknown operation name',
    body: { query: 'query A { __typename }', operationName: 'B' },
    status: 400,
    code: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'a subscription',
    body: { query: 'subscription { roles { totalCount } }' },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'self-nesting introspection',
    body: {
      query: '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
    },
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'a persisted query of an unknown version',
    body: { extensions: { persistedQuery: { version: 9, sha256Hash: 'abc' } } },
    status: 400,
    code: 'BAD_REQUEST',
  },
  {
    name: 'list variables nested 50 000 deep',
    body: `{"query":"query($h: [String!]!) { skillGap(target: \\"backend-developer\\", have: $h) { coverage } }","variables":{"h":${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a 100 000-character search',
    body: {
      query: 'query($q: String!) { search(query: $q) { score } }',
      variables: { q: 'kubernetes '.repeat(9100) },
    },
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a request id header of 10 000 characters',
    body: { query: '{ __typename }' },
    headers: { 'content-type': 'application/json', 'x-request-id': 'r'.repeat(10_000) },
    status: 200,
    code: null,
  },
  { name: 'a mutation without a key', body: SECTOR_CREATE, status: 401, code: 'UNAUTHENTICATED' },
  {
    name: 'a mutation with a forged key',
    body: SECTOR_CREATE,
    as: 'forged',
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a mutation with a revoked editor key',
    body: SECTOR_CREATE,
    as: 'revoked',
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'a mutation with a reader key',
    body: SECTOR_CREATE,
    as: 'reader',
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    name: 'a Basic authorization header',
    body: { query: '{ __typename }' },
    headers: { 'content-type': 'application/json', authorization: 'Basic YWRtaW46YWRtaW4=' },
    status: 401,
    code: 'UNAUTHENTICATED',
  },
  {
    name: 'an update against a stale version',
    body: {
      query: SKILL_UPDATE,
      variables: { input: { slug: 'docker', version: 0, changes: { description: 'Overwritten' } } },
    },
    as: 'editor',
    status: 200,
    code: 'CONFLICT',
  },
  {
    name: 'a mutation with injection in every field',
    body: {
      query: SKILL_UPDATE,
      variables: {
        input: {
          slug: "docker'; DROP TABLE skills; --",
          version: 1,
          changes: { name: "x' OR '1'='1" },
        },
      },
    },
    as: 'editor',
    status: 200,
    code: 'BAD_USER_INPUT',
  },
];

/** Strings that have broken other servers, tried in every String/ID argument of the schema. */
const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE roles; --",
  '" OR 1=1 --',
  "%' UNION SELECT key_hash FROM api_keys --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '../../../../etc/passwd',
  '\u0000',
  '𝕌𝕟𝕚𝕔𝕠𝕕𝕖 ☃ \u202e',
  '%_\\*',
];

describe('Hostile requests', () => {
  let server: Server;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    // Production settings with the default limits, and a budget of 400 000 points an hour: the
    // matrix spends far less, the flood at the end far more.
    server = await startHttp(undefined, {
      config: {
        security: { ...DEFAULT_SECURITY, rateLimit: { points: 400_000, windowSeconds: 3600 } },
      },
    });
    keys.editor = (await createApiKey(server.db, 'hostile editor', ApiRole.EDITOR)).key;
    keys.reader = (await createApiKey(server.db, 'hostile reader', ApiRole.READER)).key;
    keys.admin = (await createApiKey(server.db, 'hostile admin', ApiRole.ADMIN)).key;
    const revoked = await createApiKey(server.db, 'hostile revoked', ApiRole.EDITOR);
    await revokeApiKey(server.db, revoked.record.prefix);
    keys.revoked = revoked.key;
    keys.forged = `cg_abcdefgh_${'A'.repeat(40)}`;
  });
  afterAll(() => server.stop());

  const send = async (c: Case) => {
    const headers: Record<string, string> = c.headers ?? { 'content-type': 'application/json' };
    if (c.as) headers.authorization = `Bearer ${keys[c.as]}`;
    const url = `${server.url}/graphql${c.search ? `?${new URLSearchParams(c.search)}` : ''}`;
    const body =
      c.method === 'GET'
        ? undefined
        : typeof c.body === 'string' || Buffer.isBuffer(c.body)
          ? c.body
          : JSON.stringify(c.body);
    const res = await fetch(url, { method: c.method ?? 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) };
  };

  const stillServing = async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ role(slug: "backend-developer") { name } }' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.role.name).toMatch(/back-end developer/i);
  };

  it('should hold at least 25 distinct hostile requests', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))(
    'should refuse %s cleanly, changing nothing',
    async (_name, c) => {
      const before = await snapshot(server.db);
      const { status, body, text } = await send(c);
      expect({ status, code: c.code === null ? null : body.errors?.[0]?.extensions?.code }).toEqual(
        { status: c.status, code: c.code },
      );
      if (c.code === null) expect(body.errors).toBeUndefined();
      else expect(body.errors[0].message).toEqual(expect.any(String));
      expect(text).not.toMatch(/stacktrace|at .+\.ts:\d+/); // production: no internals
      expect(await snapshot(server.db)).toEqual(before);
      await stillServing();
    },
  );

  it("should not send a stranger's long value back whole in an error (a 500 KB node id)", async () => {
    const id = 'Z'.repeat(500_000);
    const { status, body, text } = await send({
      name: 'long id',
      status: 200,
      code: 'BAD_USER_INPUT',
      body: { query: 'query($id: ID!) { node(id: $id) { id } }', variables: { id } },
    } as Case);
    expect(status).toBe(200);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(body.errors[0].message).toContain('(500000 characters)');
    expect(text.length).toBeLessThan(2000);
  });

  it('should answer injection strings in every text argument of the schema without a server error', async () => {
    const schema = await createSchema();
    const targets = textArguments(schema);
    expect(targets.length).toBeGreaterThan(20);
    const before = await snapshot(server.db);
    const seen = new Set<string>();
    for (const { field, arg } of targets) {
      const { query, variables } = operationFor(field, arg);
      for (const payload of INJECTIONS) {
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          // An admin key, so that fields only admins may read (the audit log) run too.
          headers: { 'content-type': 'application/json', authorization: `Bearer ${keys.admin}` },
          body: JSON.stringify({
            query,
            variables: { ...variables, v: textEverywhere(arg.type, payload, arg.name) },
          }),
        });
        const body = (await res.json()) as any;
        const code = body.errors?.[0]?.extensions?.code ?? 'none';
        seen.add(code);
        if (res.status >= 500 || !['none', 'BAD_USER_INPUT', 'NOT_FOUND'].includes(code)) {
          throw new Error(
            `${field.name}(${arg.name}: ${JSON.stringify(payload)}) answered ${res.status} ${JSON.stringify(body.errors)}`,
          );
        }
      }
    }
    expect(seen).toEqual(new Set(['none', 'BAD_USER_INPUT']));
    expect(await snapshot(server.db)).toEqual(before);
    await stillServing();
  });

  it('should answer a flood over the budget with 429 and keep serving within it', async () => {
    // 30 queries of 21 101 points each from one address, 633 030 points against a budget of
    // 400 000: some must be refused, none may fail otherwise.
    const query = '{ roles(first: 100) { nodes { levels { skills { skill { name } } } } } }';
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        }).then(
          async (r) =>
            [r.status, ((await r.json()) as any).errors?.[0]?.extensions?.code ?? null] as const,
        ),
      ),
    );
    const refused = statuses.filter(([s]) => s === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map(([, code]) => code))).toEqual(new Set(['RATE_LIMITED']));
    expect(statuses.every(([s]) => s === 200 || s === 429)).toBe(true);
  });
});
