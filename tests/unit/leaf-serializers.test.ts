import {
  GraphQLEnumType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  specifiedScalarTypes,
} from 'graphql';
import { leafSerializers } from '../../src/core/leaf-serializers';
import { resolveTypesByPrototype } from '../../src/core/relay';

const Colour = new GraphQLEnumType({
  name: 'Colour',
  values: { RED: { value: 'red' }, DARK_BLUE: { value: 'dark-blue' } },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { colour: { type: Colour }, name: { type: GraphQLString } },
  }),
});

/** What a serializer answers, or the message of what it throws. */
const outcome = (serialize: (v: unknown) => unknown, value: unknown) => {
  try {
    return { value: serialize(value) };
  } catch (err) {
    return { error: (err as Error).message };
  }
};

describe('leaf serializers given to graphql-jit', () => {
  const serializers = leafSerializers(schema);
  const odd: unknown[] = [
    'x',
    '',
    0,
    -0,
    7,
    2.5,
    2 ** 31,
    -(2 ** 31),
    NaN,
    Infinity,
    true,
    false,
    null,
    undefined,
    {},
    [],
    { valueOf: () => 'v' },
    10n,
  ];

  it.each(['String', 'ID', 'Int', 'Float', 'Boolean'])(
    'should answer and fail as %s does on its own',
    (name) => {
      const type = specifiedScalarTypes.find((t) => t.name === name)!;
      for (const value of odd)
        expect(outcome(serializers[name], value)).toEqual(outcome((v) => type.serialize(v), value));
    },
  );

  it("should send an enum's name for its value and refuse anything else as the enum does", () => {
    for (const value of ['red', 'dark-blue', 'RED', 'blue', 1, null])
      expect(outcome(serializers.Colour, value)).toEqual(
        outcome((v) => Colour.serialize(v), value),
      );
    expect(serializers.Colour('dark-blue')).toBe('DARK_BLUE');
  });
});

describe('resolveTypesByPrototype', () => {
  class A {}
  class B extends A {}
  const byClass = (value: unknown) =>
    value instanceof B ? 'B' : value instanceof A ? 'A' : undefined;
  const Named = new GraphQLInterfaceType({
    name: 'Named',
    fields: { name: { type: GraphQLString } },
    resolveType: byClass,
  });
  const impl = (name: string) =>
    new GraphQLObjectType({ name, interfaces: [Named], fields: { name: { type: GraphQLString } } });
  const typed = resolveTypesByPrototype(
    new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { named: { type: Named } } }),
      types: [impl('A'), impl('B')],
    }),
  );
  const resolve = (value: unknown) =>
    (typed.getType('Named') as GraphQLInterfaceType).resolveType!(value, {}, {} as never, Named);

  it('should give every object the type its class gives it, however often it is asked', () => {
    for (let i = 0; i < 3; i++) {
      expect(resolve(new A())).toBe('A');
      expect(resolve(new B())).toBe('B');
      expect(resolve({})).toBeUndefined();
      expect(resolve(Object.create(null))).toBeUndefined();
    }
  });
});
