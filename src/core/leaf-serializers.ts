import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLSchema,
  GraphQLString,
  isEnumType,
} from 'graphql';

type Serialize = (value: unknown) => unknown;

const MAX_INT = 2147483647;
const MIN_INT = -2147483648;

/**
 * Serializers graphql-jit is given for leaf fields, with the same answers and errors as the
 * types' own: the values our resolvers hand back are already what the type sends (a string for
 * String and ID, a 32-bit integer for Int, an enum's value), so the common case is one check;
 * anything else goes to the type's own serialize. graphql-jit would otherwise call each type's
 * serialize through a closure per leaf, and an enum's through a lookup of its value objects.
 */
export function leafSerializers(schema: GraphQLSchema): Record<string, Serialize> {
  const serializers: Record<string, Serialize> = {
    String: (v) => (typeof v === 'string' ? v : GraphQLString.serialize(v)),
    ID: (v) => (typeof v === 'string' ? v : GraphQLID.serialize(v)),
    Boolean: (v) => (typeof v === 'boolean' ? v : GraphQLBoolean.serialize(v)),
    Int: (v) =>
      typeof v === 'number' && Number.isInteger(v) && v <= MAX_INT && v >= MIN_INT
        ? v
        : GraphQLInt.serialize(v),
    Float: (v) => (typeof v === 'number' && Number.isFinite(v) ? v : GraphQLFloat.serialize(v)),
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type) || type.name.startsWith('__')) continue;
    const names = new Map<unknown, string>(type.getValues().map((e) => [e.value, e.name]));
    serializers[type.name] = (v) => names.get(v) ?? type.serialize(v);
  }
  return serializers;
}
