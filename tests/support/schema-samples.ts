import {
  getNamedType,
  getNullableType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isCompositeType,
} from 'graphql';
import { toGlobalId } from '../../src/core/relay';

/** A valid value of each scalar, for filling the arguments a test does not aim at. */
const SCALAR_SAMPLES: Record<string, unknown> = {
  String: 'backend-developer',
  ID: toGlobalId('Role', 'backend-developer'),
  Int: 3,
  Float: 5,
  Boolean: true,
};

/** Plausible values for arguments whose name says what they hold. */
const NAMED_SAMPLES: Record<string, unknown> = {
  from: 'junior-backend-developer',
  to: 'senior-backend-developer',
  target: 'mid-level-backend-developer',
  have: ['Java', 'Docker'],
  slugs: ['junior-backend-developer', 'senior-backend-developer'],
  query: 'kubernetes',
  withinYears: 4,
  first: 3,
};

/** A valid value for an input type: required fields filled, optional ones left out. */
export function sampleValue(type: GraphQLInputType, name?: string): unknown {
  if (name && name in NAMED_SAMPLES && !isInputObjectType(getNamedType(type)))
    return NAMED_SAMPLES[name];
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [sampleValue(inner.ofType as GraphQLInputType)];
  if (isScalarType(inner)) return SCALAR_SAMPLES[inner.name] ?? 'x';
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type)) value[field.name] = sampleValue(field.type, field.name);
    }
    return value;
  }
  return null;
}

/** Whether a type is or holds strings a client chooses (String or ID, in lists or inputs). */
export function takesText(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === 'String' || named.name === 'ID';
  if (isInputObjectType(named) && !seen.has(named.name)) {
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => takesText(f.type, seen));
  }
  return false;
}

/** `value` placed wherever `type` takes text (every String/ID in it), other fields sampled. */
export function textEverywhere(type: GraphQLInputType, value: string, name?: string): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [textEverywhere(inner.ofType as GraphQLInputType, value)];
  if (isScalarType(inner))
    return inner.name === 'String' || inner.name === 'ID' ? value : sampleValue(inner, name);
  if (isInputObjectType(inner)) {
    const result: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (takesText(field.type)) result[field.name] = textEverywhere(field.type, value, field.name);
      else if (isNonNullType(field.type)) result[field.name] = sampleValue(field.type, field.name);
    }
    return result;
  }
  return sampleValue(inner, name);
}

/** The smallest selection that makes a field run: `{ __typename }` for objects, nothing for leaves. */
export function minimalSelection(field: GraphQLField<unknown, unknown>): string {
  return isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
}

/** Every (Query field, argument) pair whose argument takes text. */
export function textArguments(
  schema: GraphQLSchema,
): { field: GraphQLField<unknown, unknown>; arg: GraphQLArgument }[] {
  const fields = Object.values(schema.getQueryType()?.getFields() ?? {});
  return fields.flatMap((field) =>
    field.args.filter((arg) => takesText(arg.type)).map((arg) => ({ field, arg })),
  );
}

/**
 * An operation calling `field` with `arg` set from the variable `$v` and every other required
 * argument sampled; returns the query and the variables without `v`.
 */
export function operationFor(field: GraphQLField<unknown, unknown>, arg: GraphQLArgument) {
  const variables: Record<string, unknown> = {};
  const definitions = [`$v: ${arg.type.toString()}`];
  const args = [`${arg.name}: $v`];
  for (const other of field.args) {
    if (other === arg || !isNonNullType(other.type)) continue;
    definitions.push(`$${other.name}: ${other.type.toString()}`);
    args.push(`${other.name}: $${other.name}`);
    variables[other.name] = sampleValue(other.type, other.name);
  }
  return {
    query: `query(${definitions.join(', ')}) { ${field.name}(${args.join(', ')})${minimalSelection(field)} }`,
    variables,
  };
}
