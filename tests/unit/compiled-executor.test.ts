import { ApolloServer } from '@apollo/server';
import {
  GraphQLError,
  GraphQLFieldConfigMap,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  specifiedScalarTypes,
} from 'graphql';
import { CompiledExecutor, compiledExecutorGateway } from '../../src/core/compiled-executor';
import { jit } from '../../src/core/jit-direct-calls';
import * as requestScope from '../../src/core/request-scope';

const Item = new GraphQLObjectType({
  name: 'Item',
  fields: {
    n: { type: new GraphQLNonNull(GraphQLInt) },
    label: {
      type: new GraphQLNonNull(GraphQLString),
      resolve: (item: { n: number }) => (item.n === 2 ? null : `item ${item.n}`),
    },
  },
});

/** A field answered at once, later, by a throw, and by a rejection, one way per item. */
const Settled = new GraphQLObjectType({
  name: 'Settled',
  fields: {
    n: { type: new GraphQLNonNull(GraphQLInt) },
    label: {
      type: GraphQLString,
      resolve: ({ n }: { n: number }) => {
        if (n === 1) return 'at once';
        if (n === 2) return Promise.resolve('later');
        if (n === 3) throw new Error('thrown');
        return Promise.reject(new Error('rejected'));
      },
    },
  },
});

/**
 * Values a resolver may hand a leaf of each built-in scalar: ones sent as they are, ones the
 * scalar converts (a number for a String, "3" for an Int, 1 for a Boolean), and ones it refuses
 * (an object, NaN, an integer past 32 bits, a fraction for an Int).
 */
const LEAF_VALUES: Record<string, unknown[]> = {
  String: ['text', '', 5, true, { a: 1 }, null],
  ID: ['id-1', 42, 1.5, {}, null],
  Boolean: [true, false, 1, 0, 'yes', null],
  Int: [7, -0, 2147483647, -2147483648, 2147483648, 1.5, '3', NaN, true, null],
  Float: [1.5, 0, -2, Infinity, NaN, '2.5', false, null],
};
const SCALARS = new Map(specifiedScalarTypes.map((type) => [type.name, type]));
/** One object per value, with the value under a nullable and a non-null leaf of its scalar. */
const leaves = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: Object.fromEntries(
      Object.entries(LEAF_VALUES).map(([name, values]) => [
        `of${name}`,
        {
          type: new GraphQLList(
            new GraphQLObjectType({
              name: `${name}Leaves`,
              fields: {
                maybe: { type: SCALARS.get(name)! },
                must: { type: new GraphQLNonNull(SCALARS.get(name)!) },
              },
            }),
          ),
          resolve: () => values.map((v) => ({ maybe: v, must: v })),
        },
      ]),
    ) as GraphQLFieldConfigMap<unknown, unknown>,
  }),
});

/** Every way a field can fail: a plain exception, a coded error, a null where none may be. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      boom: {
        type: GraphQLString,
        resolve: () => {
          throw new TypeError('x is undefined');
        },
      },
      coded: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('No such thing', {
            extensions: { code: 'NOT_FOUND', argument: 'slug' },
          });
        },
      },
      asyncBoom: {
        type: GraphQLString,
        resolve: async () => {
          throw new Error('later');
        },
      },
      must: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
      later: { type: GraphQLString, resolve: async () => 'answered later' },
      returned: { type: GraphQLString, resolve: () => new Error('returned, not thrown') },
      promisedItems: {
        type: new GraphQLList(GraphQLString),
        resolve: () => ['a', Promise.resolve('b'), Promise.reject(new Error('c')), new Error('d')],
      },
      settled: {
        type: new GraphQLList(Settled),
        resolve: () => [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }],
      },
      items: { type: new GraphQLList(Item), resolve: () => [{ n: 1 }, { n: 2 }, { n: 3 }] },
      echo: {
        type: GraphQLInt,
        args: { n: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_: unknown, { n }: { n: number }) => n,
      },
    },
  }),
});

const QUERIES: [string, Record<string, unknown>][] = [
  ['{ boom coded asyncBoom echo(n: 1) }', {}],
  ['{ must echo(n: 2) }', {}],
  ['{ items { n label } }', {}],
  ['{ later returned settled { n label } promisedItems }', {}],
  ['query($n: Int!) { echo(n: $n) }', { n: 'seven' }],
  ['query($n: Int!) { echo(n: $n) }', { n: 7 }],
];

async function answers(apollo: ApolloServer) {
  await apollo.start();
  const out = [];
  for (const [query, variables] of QUERIES) {
    for (let run = 0; run < 2; run += 1) {
      const response = await apollo.executeOperation({ query, variables });
      out.push({
        status: response.http.status,
        body: response.body.kind === 'single' ? response.body.singleResult : null,
      });
    }
  }
  await apollo.stop();
  return out;
}

describe('The compiled executor', () => {
  it("should call resolvers in place, not through graphql-jit's three closures a call", () => {
    expect(jit.direct).toBe(true); // false: graphql-jit's template changed, see jit-direct-calls.ts
    const compiled = jit.compileQuery(schema, parse('{ later settled { label } }'), undefined, {
      debug: true,
    } as never) as unknown as Record<string, string>;
    const code = compiled.__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
    expect(code).toContain('__answer');
    expect(code).not.toContain('callResolver(');
    expect(code).toContain('if (!__context.rt.isPromise(__currentItem))');
  });

  it('should send every built-in leaf as graphql-js does, converted, refused or as it is', async () => {
    const query = `{ ${Object.keys(LEAF_VALUES)
      .map((name) => `of${name} { maybe must }`)
      .join(' ')} }`;
    const compiled = jit.compileQuery(leaves, parse(query), undefined, {
      debug: true,
    } as never) as unknown as Record<string, string>;
    // the value read once, and answered without graphql-jit's check when sent as it is
    expect(compiled.__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation).toContain('(__leaf = ');
    const run = async (apollo: ApolloServer) => {
      await apollo.start();
      const response = await apollo.executeOperation({ query });
      await apollo.stop();
      return response.body.kind === 'single' ? response.body.singleResult : null;
    };
    const executor = new CompiledExecutor(leaves, { compileAfter: 1 });
    const answer = await run(
      new ApolloServer({ gateway: compiledExecutorGateway(leaves, executor) }),
    );
    const reference = await run(new ApolloServer({ schema: leaves }));
    expect(executor.size).toBe(1);
    // the same data and errors (graphql-jit reports a null in a non-null field after the others)
    const byPath = (r: typeof answer) =>
      [...(r?.errors ?? [])].sort((a, b) =>
        JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)),
      );
    expect(answer?.data).toEqual(reference?.data);
    expect(byPath(answer)).toEqual(byPath(reference));
    // converted values, and a refused one nulling its item (its leaf is non-null) with an error
    const data = answer?.data as Record<string, ({ must: unknown } | null)[]>;
    expect([data.ofString[2], data.ofInt[6], data.ofBoolean[2]]).toEqual([
      { maybe: '5', must: '5' },
      { maybe: 3, must: 3 },
      { maybe: true, must: true },
    ]);
    expect([data.ofInt[4], data.ofFloat[3], data.ofID[2]]).toEqual([null, null, null]);
    expect(JSON.stringify(answer?.errors)).toContain('Int cannot represent non-integer value: 1.5');
  });

  it('should report resolver failures, nulls and bad variables as graphql-js does', async () => {
    const executor = new CompiledExecutor(schema, { compileAfter: 1 });
    const compiled = await answers(
      new ApolloServer({ gateway: compiledExecutorGateway(schema, executor) }),
    );
    const reference = await answers(new ApolloServer({ schema }));
    expect(executor.size).toBe(QUERIES.length - 1); // two of them are the same document
    expect(compiled).toEqual(reference);
    expect(JSON.stringify(reference)).toContain('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(reference)).toContain(
      'Cannot return null for non-nullable field Item.label.',
    );
  });
});

describe("The compiled executor's gateway", () => {
  it('should refuse, naming the executor, to load before Apollo subscribed to its schema', async () => {
    const gateway = compiledExecutorGateway(schema, new CompiledExecutor(schema));
    await expect(
      gateway.load({
        apollo: { key: undefined, keyHash: undefined, graphRef: undefined },
      } as never),
    ).rejects.toThrow(
      /compiled executor \(GRAPHQL_EXECUTOR=jit.*load\(\) was called before onSchemaLoadOrUpdate\(\)/,
    );
  });

  it('should make a second server on a stopped gateway fail to start instead of waiting', async () => {
    const gateway = compiledExecutorGateway(schema, new CompiledExecutor(schema));
    const first = new ApolloServer({ gateway });
    await first.start();
    expect((await first.executeOperation({ query: '{ echo(n: 3) }' })).body).toMatchObject({
      singleResult: { data: { echo: 3 } },
    });
    await first.stop();
    await expect(new ApolloServer({ gateway }).start()).rejects.toThrow(
      /compiled executor.*load\(\) was called after stop\(\)/,
    );
  });
});

describe("The compiled executor's request scope", () => {
  it('should enter it for an operation reaching a resolver, and not for meta-fields alone', async () => {
    const scope = jest.spyOn(requestScope, 'withinRequestScope');
    const apollo = new ApolloServer<{ sql: { statements: number } }>({
      gateway: compiledExecutorGateway(schema, new CompiledExecutor(schema)),
    });
    await apollo.start();
    try {
      const run = async (query: string) => {
        scope.mockClear();
        const response = await apollo.executeOperation(
          { query },
          { contextValue: { sql: { statements: 0 } } },
        );
        expect(response.body.kind === 'single' && response.body.singleResult.errors).toBe(
          undefined,
        );
        return scope.mock.calls.length;
      };
      expect(await run('{ __typename }')).toBe(0);
      expect(await run('{ __typename __schema { queryType { name } } }')).toBe(0);
      expect(await run('{ __typename echo(n: 1) }')).toBe(1);
      expect(await run('{ ... on Query { __typename } }')).toBe(1); // a fragment: not looked into
    } finally {
      scope.mockRestore();
      await apollo.stop();
    }
  });
});
