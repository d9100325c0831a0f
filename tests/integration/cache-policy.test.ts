import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { cacheControlPlugins } from '../../src/core/http-cache';

// The policy decided once per request (no resolver sets a hint at run time) against Apollo's own
// plugin, which collects a hint from every resolved field: the same Cache-Control, every time.
const typeDefs = `
  type Thing { name: String child: Thing }
  type Query { word: String thing: Thing things: [Thing!]! nothing: Thing boom: String }
  type Mutation { touch: String }
`;
const thing = { name: 'a', child: { name: 'b', child: null } };
const resolvers = {
  Query: {
    word: () => 'hello',
    thing: () => thing,
    things: () => [thing, thing],
    nothing: () => null,
    boom: () => {
      throw new Error('boom');
    },
  },
  Mutation: { touch: () => 'touched' },
};

function schemaWithResolvers(): GraphQLSchema {
  const schema = buildSchema(typeDefs);
  for (const [type, fields] of Object.entries(resolvers)) {
    const defs = (schema.getType(type) as GraphQLObjectType).getFields();
    for (const [name, resolve] of Object.entries(fields)) defs[name].resolve = resolve;
  }
  return schema;
}

const started: ApolloServer[] = [];
const schemas = new Map<ApolloServer, GraphQLSchema>();
async function server(hintsAtRunTime: boolean): Promise<ApolloServer> {
  const schema = schemaWithResolvers();
  const apollo = new ApolloServer({ schema, plugins: cacheControlPlugins(60, hintsAtRunTime) });
  schemas.set(apollo, schema);
  await apollo.start();
  started.push(apollo);
  return apollo;
}
afterAll(() => Promise.all(started.map((s) => s.stop())));

const CASES: { query: string; variables?: Record<string, unknown> }[] = [
  { query: '{ word }' },
  { query: '{ thing { name child { name } } }' },
  { query: '{ things { name } }' },
  { query: '{ nothing { name } }' },
  { query: '{ boom }' },
  { query: '{ word boom }' },
  { query: '{ __typename }' },
  { query: '{ __schema { queryType { name } } }' },
  { query: '{ __type(name: "Thing") { name } }' },
  { query: '{ ...F } fragment F on Query { word }' },
  { query: '{ ...F } fragment F on Query { __typename }' },
  { query: '{ ... on Query { thing { name } } }' },
  { query: '{ ... { __typename } }' },
  { query: '{ word @skip(if: true) }' },
  { query: '{ word @include(if: false) __typename }' },
  { query: 'query ($s: Boolean!) { word @skip(if: $s) }', variables: { s: true } },
  { query: 'query ($s: Boolean!) { word @skip(if: $s) }', variables: { s: false } },
  { query: 'query ($i: Boolean = false) { ... @include(if: $i) { word } }' },
  {
    query: 'query ($i: Boolean = false) { ... @include(if: $i) { word } }',
    variables: { i: true },
  },
  {
    query: 'query ($i: Boolean!) { ...F @include(if: $i) } fragment F on Query { word }',
    variables: { i: false },
  },
  {
    query: 'query ($i: Boolean!) { ...F @include(if: $i) } fragment F on Query { word }',
    variables: { i: true },
  },
  { query: 'query ($i: Boolean!) { word }', variables: {} },
  { query: '{ word(unknown: 1) }' },
  { query: 'mutation { touch }' },
  { query: 'query A { word } query B { __typename }' },
];

describe('Cache-Control decided once per request', () => {
  let apollo: ApolloServer;
  let perField: ApolloServer;
  beforeAll(async () => {
    [apollo, perField] = await Promise.all([server(false), server(true)]);
  });

  for (const credentials of [false, true])
    it(`should answer as Apollo's per-field plugin does${credentials ? ', with credentials' : ''}`, async () => {
      const headerOf = async (s: ApolloServer, c: (typeof CASES)[number]) =>
        (
          await s.executeOperation({
            ...c,
            operationName: c.query.startsWith('query A') ? 'B' : undefined,
            http: {
              method: 'POST',
              headers: new HeaderMap(credentials ? [['authorization', 'Bearer k']] : []),
              search: '',
              body: {},
            },
          })
        ).http.headers.get('cache-control');
      const ours = await Promise.all(CASES.map((c) => headerOf(apollo, c)));
      const apollos = await Promise.all(CASES.map((c) => headerOf(perField, c)));
      expect(ours.map((h, i) => `${CASES[i].query} ${h}`)).toEqual(
        apollos.map((h, i) => `${CASES[i].query} ${h}`),
      );
      // both kinds of answer occur, so the comparison can tell them apart
      expect(new Set(ours)).toEqual(
        new Set(['no-store', credentials ? 'max-age=60, private' : 'max-age=60, public']),
      );
    });

  it('should leave the schema’s resolvers as they are (no wrapper per field)', async () => {
    await apollo.executeOperation({ query: '{ thing { name } }' });
    await perField.executeOperation({ query: '{ thing { name } }' });
    const resolverOf = (s: ApolloServer) =>
      (schemas.get(s)!.getQueryType() as GraphQLObjectType).getFields().thing.resolve;
    expect(resolverOf(apollo)).toBe(resolvers.Query.thing);
    // what the comparison is against: Apollo's plugin wraps it
    expect(resolverOf(perField)).not.toBe(resolvers.Query.thing);
  });
});
