import {
  buildSchema,
  FragmentDefinitionNode,
  getOperationAST,
  Kind,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { estimateCost } from '../../src/core/limits';
import { CostEstimator } from '../../src/core/limits/cost';
import { countLimitRule } from '../../src/core/limits/counts.rule';
import { depthLimitRule } from '../../src/core/limits/depth.rule';

/** A small schema shaped like ours: connections with `first`, plain lists, an interface. */
const schema = buildSchema(/* GraphQL */ `
  interface Node {
    id: ID!
  }
  type Role implements Node {
    id: ID!
    name: String!
    levels: [Level!]!
    employers(first: Int, after: String): EmployerConnection!
  }
  type Level implements Node {
    id: ID!
    name: String!
    role: Role!
  }
  type Employer implements Node {
    id: ID!
    name: String!
  }
  type EmployerConnection {
    nodes: [Employer!]!
    edges: [EmployerEdge!]!
    totalCount: Int!
  }
  type EmployerEdge {
    cursor: String!
    node: Employer!
  }
  type RoleConnection {
    nodes: [Role!]!
    totalCount: Int!
  }
  type Query {
    roles(first: Int): RoleConnection!
    role(slug: String!): Role
    nodes(ids: [ID!]!): [Node]!
    careerPaths(first: Int): [Level!]!
  }
`);

const cost = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return estimateCost(schema, getOperationAST(document)!, fragments, variables);
};

describe('Query cost', () => {
  it('should remember an estimate per value of the variables that size lists, and only those', () => {
    const estimator = new CostEstimator(schema);
    const document = parse(`query($n: Int = 5, $slug: String!, $ids: [ID!]!) {
      roles(first: $n) { nodes { name } } role(slug: $slug) { name } nodes(ids: $ids) { id } }`);
    const operation = getOperationAST(document)!;
    const estimate = (variables: Record<string, unknown>) =>
      estimator.estimate(document, operation, variables);
    const fresh = (variables: Record<string, unknown>) =>
      estimateCost(schema, operation, {}, variables);
    for (const variables of [
      { n: 3, slug: 'a', ids: ['x'] },
      { n: 3, slug: 'b', ids: ['x'] },
      { n: 40, slug: 'a', ids: ['x', 'y', 'z'] },
      { slug: 'a', ids: [] },
      { n: null, slug: 'a', ids: [] },
    ]) {
      expect(estimate(variables)).toBe(fresh(variables));
    }
    expect(estimate({ slug: 'a', ids: [] })).toBe(1 + 5 + 1 + 1); // the default, 5
    expect(estimate({ n: null, slug: 'a', ids: [] })).toBe(1 + 20 + 1 + 1); // null: the resolver default, 20
  });

  it('should count each object once and scalars as free', () => {
    expect(cost('{ role(slug: "x") { name } }')).toBe(1);
    expect(cost('{ __typename }')).toBe(0);
  });

  it('should multiply what is under a connection by its first, and count edges and nodes once per page', () => {
    expect(cost('{ roles(first: 50) { totalCount nodes { name } } }')).toBe(1 + 50);
    expect(
      cost('{ roles(first: 50) { nodes { employers(first: 10) { edges { node { name } } } } } }'),
    ).toBe(1 + 50 + 50 + 500 + 500);
  });

  it('should take first from variables and their defaults, else the default page of 20', () => {
    const query = 'query($n: Int = 7) { roles(first: $n) { nodes { name } } }';
    expect(cost(query)).toBe(8);
    expect(cost(query, { n: 2 })).toBe(3);
    expect(cost('{ roles { nodes { name } } }')).toBe(21);
    expect(cost('{ roles(first: -4) { nodes { name } } }')).toBe(21); // refused by the resolver; costed as the default
  });

  it('should cost a first or an ids list over what any field serves as the largest page, which the resolver refuses', () => {
    expect(cost('{ roles(first: 1000000) { nodes { name } } }')).toBe(1 + 100);
    expect(cost('query($n: Int) { roles(first: $n) { nodes { name } } }', { n: 2 ** 31 - 1 })).toBe(
      101,
    );
    const ids = Array.from({ length: 5000 }, (_, i) => `"id${i}"`).join(',');
    expect(cost(`{ nodes(ids: [${ids}]) { id } }`)).toBe(100);
  });

  it('should count a list without first as 10 items, and ids by how many are asked', () => {
    expect(cost('{ role(slug: "x") { levels { role { name } } } }')).toBe(1 + 10 + 10);
    expect(cost('{ nodes(ids: ["a", "b", "c"]) { id ... on Role { levels { name } } } }')).toBe(
      3 + 30,
    );
  });

  it('should add a fixed extra for fields that compute, per call', () => {
    expect(cost('{ careerPaths(first: 2) { name } }')).toBe(2 + 20);
  });

  it('should cost fragments spread many times without expanding them each time', () => {
    const levels = 60; // 2^60 spreads if expanded: the estimate must still be quick
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    const query = `${fragments.join('\n')}\nfragment F${levels} on Query { role(slug: "x") { name } }\n{ ...F0 }`;
    expect(cost(query)).toBe(2 ** levels);
  });
});

describe('Depth and count rules', () => {
  const errors = (query: string) =>
    validate(schema, parse(query), [
      ...specifiedRules,
      depthLimitRule(3),
      countLimitRule(2, 2),
    ]).map((e) => e.extensions.code ?? e.message);

  it('should measure depth through fragments, not counting introspection', () => {
    expect(errors('{ role(slug: "x") { levels { role { name } } } }')).toEqual(['QUERY_TOO_DEEP']);
    expect(
      errors('fragment L on Level { role { name } } { role(slug: "x") { levels { ...L } } }'),
    ).toEqual(['QUERY_TOO_DEEP']);
    expect(errors('{ role(slug: "x") { levels { name } } }')).toEqual([]);
    expect(errors('{ __schema { types { fields { type { name } } } } }')).toEqual([]);
  });

  it('should terminate on fragment cycles, leaving them to graphql-js', () => {
    expect(
      errors('fragment A on Role { levels { role { ...A } } } { role(slug: "x") { ...A } }'),
    ).toEqual(['Cannot spread fragment "A" within itself.']);
  });

  it('should count aliases and directives in the whole document', () => {
    expect(errors('{ a: __typename b: __typename c: __typename }')).toEqual(['TOO_MANY_ALIASES']);
    expect(
      errors(
        '{ __typename @skip(if: false) r: role(slug: "x") @include(if: true) { name @skip(if: false) } }',
      ),
    ).toEqual(['TOO_MANY_DIRECTIVES']);
  });
});
