import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  GraphQLField,
  GraphQLInputType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { ApiRole } from '../../src/core/auth/api-key.entity';
import { createApiKey } from '../../src/core/auth/keys';
import { createSchema } from '../../src/app/schema';
import { sampleValue } from '../support/schema-samples';
import { startHttp } from '../support/server';

type Draw = fc.GeneratorValue;

/** One item of a list (drawn by index: fc.gen compares arguments, and schema objects are cyclic). */
const pick = <T>(g: Draw, items: readonly T[]): T =>
  items[g(fc.integer, { min: 0, max: items.length - 1 })];

const GARBAGE_CHARS = '{}()[]:$@!.,"\\ \n#…\u0000abcXYZ019_-';

/** A GraphQL literal for a JavaScript value (strings JSON-escaped, which GraphQL reads the same). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')} }`;
  return JSON.stringify(value);
}

/** A literal of an input type: valid-looking, or (when hostile) sometimes garbage of every kind. */
function argumentLiteral(g: Draw, type: GraphQLInputType, name: string, hostile: boolean): string {
  if (!hostile || g(fc.integer, { min: 0, max: 9 }) < 6) {
    const inner = getNullableType(type) as GraphQLInputType;
    if (isEnumType(getNamedType(inner)) && !isListType(inner)) {
      return pick(
        g,
        (getNamedType(inner) as any).getValues().map((v: any) => v.name as string),
      );
    }
    if (isInputObjectType(inner) || isListType(inner))
      return enumAware(sampleValue(type, name), type);
    if (isScalarType(inner) && inner.name === 'Int')
      return String(g(() => fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constant(3))));
    if (isScalarType(inner) && inner.name === 'String')
      return literal(
        g(() => fc.oneof(fc.constant(sampleValue(type, name)), fc.string({ maxLength: 30 }))),
      );
    return enumAware(sampleValue(type, name), type);
  }
  return g(() =>
    fc.oneof(
      fc.string({ maxLength: 50 }).map(literal),
      fc.integer().map(String),
      fc.constantFrom(
        '99999999999999999999',
        '-0',
        '1e308',
        'NaN',
        'null',
        '[]',
        '{}',
        'TRUE',
        '$undefined',
        '"\\u0000"',
        '[[[[[]]]]]',
      ),
      fc.double({ noNaN: true }).map((d) => (Number.isFinite(d) ? String(d) : '1.5')),
    ),
  );
}

/** sampleValue gives enum values as strings; GraphQL literals want them bare. */
function enumAware(value: unknown, type: GraphQLInputType): string {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isEnumType(inner)) return String(value);
  if (isListType(inner) && Array.isArray(value))
    return `[${value.map((v) => enumAware(v, inner.ofType as GraphQLInputType)).join(', ')}]`;
  if (isInputObjectType(inner) && value && typeof value === 'object') {
    const fields = inner.getFields();
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${fields[k] ? enumAware(v, fields[k].type) : literal(v)}`)
      .join(', ')} }`;
  }
  return literal(value);
}

function argumentsOf(g: Draw, field: GraphQLField<unknown, unknown>, hostile: boolean): string {
  const args = field.args.filter((a) => isNonNullType(a.type) || g(fc.boolean));
  if (hostile && g(fc.integer, { min: 0, max: 9 }) === 0)
    args.push({ name: 'bogus', type: field.args[0]?.type } as any);
  if (args.length === 0) return '';
  return `(${args.map((a) => `${a.name}: ${a.type ? argumentLiteral(g, a.type, a.name, hostile) : '1'}`).join(', ')})`;
}

let aliasCount = 0;

/** A random selection set over `type`, `depth` levels at most; aliases are unique in an operation. */
function selection(
  g: Draw,
  schema: GraphQLSchema,
  type: GraphQLObjectType | GraphQLInterfaceType,
  depth: number,
  hostile: boolean,
): string {
  const fields = Object.values(type.getFields());
  const parts: string[] = [];
  const used = new Set<string>();
  const count = g(fc.integer, { min: 1, max: 4 });
  for (let i = 0; i < count; i += 1) {
    const field = pick(g, fields);
    // A field asked twice needs an alias unless both ask the same (hostile mode leaves that to chance).
    const aliased = g(fc.integer, { min: 0, max: 4 }) === 0 || (!hostile && used.has(field.name));
    used.add(field.name);
    const alias = aliased ? `a${(aliasCount += 1)}: ` : '';
    const directive =
      g(fc.integer, { min: 0, max: 9 }) === 0 ? ` @include(if: ${g(fc.boolean)})` : '';
    const named = getNamedType(field.type);
    let sub = '';
    if (isObjectType(named) || isInterfaceType(named)) {
      sub =
        depth > 0 ? ` { ${selection(g, schema, named, depth - 1, hostile)} }` : ' { __typename }';
      if (isInterfaceType(named) && depth > 0 && g(fc.boolean)) {
        const possible = schema.getPossibleTypes(named);
        const on = pick(g, possible);
        sub = ` { __typename ... on ${on.name} { ${selection(g, schema, on, depth - 1, hostile)} } }`;
      }
    } else if (isCompositeType(named)) {
      sub = ' { __typename }';
    }
    parts.push(`${alias}${field.name}${argumentsOf(g, field, hostile)}${directive}${sub}`);
  }
  if (hostile && g(fc.integer, { min: 0, max: 9 }) === 0) parts.push('notAField');
  return parts.join(' ');
}

/**
 * Random operations from the schema: queries mostly, mutations sometimes. Half are plausible
 * (they execute); the other half are hostile: garbage arguments, unknown fields, corrupted text.
 */
function operation(g: Draw, schema: GraphQLSchema): { query: string; mutation: boolean } {
  const hostile = g(fc.boolean);
  const mutation = g(fc.integer, { min: 0, max: 4 }) === 0;
  const root = (mutation ? schema.getMutationType() : schema.getQueryType()) as GraphQLObjectType;
  let query = `${mutation ? 'mutation' : 'query'} Fuzz { ${selection(g, schema, root, g(fc.integer, { min: 0, max: 5 }), hostile)} }`;
  if (hostile && g(fc.integer, { min: 0, max: 2 }) === 0) {
    // Corrupt the text: cut a piece out, or put garbage in.
    const at = g(fc.integer, { min: 0, max: query.length });
    query = g(fc.boolean)
      ? query.slice(0, at) + query.slice(at + g(fc.integer, { min: 1, max: 10 }))
      : query.slice(0, at) +
        g(fc.string, { unit: fc.constantFrom(...GARBAGE_CHARS), maxLength: 8 }) +
        query.slice(at);
  }
  return { query, mutation };
}

describe('Fuzzing the HTTP API', () => {
  let server: Awaited<ReturnType<typeof startHttp>>;
  let schema: GraphQLSchema;
  let editorKey: string;

  beforeAll(async () => {
    server = await startHttp();
    schema = await createSchema();
    editorKey = (await createApiKey(server.db, 'fuzz editor', ApiRole.EDITOR)).key;
  });
  afterAll(() => server.stop());

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${server.url}/graphql`, { method: 'POST', headers, body });

  /** Every answer is a GraphQL-shaped JSON body with a status below 500. */
  const expectClean = async (res: Response, sent: string) => {
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`not JSON (${res.status}) for ${sent}: ${text.slice(0, 200)}`);
    }
    if (
      res.status >= 500 ||
      (body.errors ?? []).some((e: any) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')
    ) {
      throw new Error(`server error ${res.status} for ${sent}: ${JSON.stringify(body.errors)}`);
    }
    if (!Array.isArray(body) && body.data === undefined && !Array.isArray(body.errors)) {
      throw new Error(`neither data nor errors for ${sent}: ${text.slice(0, 200)}`);
    }
  };

  it('should never answer 5xx to random operations built from the schema', async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const { query, mutation } = operation(g, schema);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (mutation && g(fc.boolean)) headers.authorization = `Bearer ${editorKey}`;
        await expectClean(await post(JSON.stringify({ query }), headers), query);
      }),
      { numRuns: 250 },
    );
  });

  it('should never answer 5xx to random bodies and content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.string({ maxLength: 200 }),
          fc.jsonValue().map((v) => JSON.stringify({ query: v, variables: v })),
        ),
        fc.constantFrom(
          'application/json',
          'application/json; charset=utf-16',
          'text/plain',
          'application/graphql',
          '*/*',
          '',
        ),
        async (body, type) => {
          await expectClean(await post(body, type ? { 'content-type': type } : {}), body);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('should still answer ordinary queries after the fuzzing', async () => {
    const res = await post(
      JSON.stringify({ query: '{ role(slug: "backend-developer") { name } }' }),
      { 'content-type': 'application/json' },
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.role.name).toMatch(/back-end developer/i);
  });
});
