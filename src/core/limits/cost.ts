import { createHash } from 'node:crypto';
import {
  ArgumentNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  valueFromASTUntyped,
  visit,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { MAX_PAGE_SIZE } from '../relay';

/**
 * How many items a list without `first` is assumed to hold. Lists that are not connections are
 * a parent's own facts (a role's levels, a level's skills): a handful to a few dozen.
 */
export const ASSUMED_LIST_SIZE = 10;

/** `first` when a client leaves it out: 20 on connections, otherwise what the resolver uses. */
export const DEFAULT_FIRST = 20;
const FIRST_DEFAULTS: Record<string, number> = {
  'Query.careerPaths': 3,
  'Query.roleMatches': 10,
  'Query.reachableRoles': 100,
};

/**
 * A fixed extra cost per call of fields that compute rather than fetch (route searches,
 * matching, ranking). A field can also declare `extensions: { cost: n }` in the schema.
 */
const COMPUTE_COST: Record<string, number> = {
  'Query.careerPath': 10,
  'Query.careerPaths': 20,
  'Query.reachableRoles': 20,
  'Query.roleMatches': 10,
  'Query.skillGap': 5,
  'Query.compareLevels': 5,
  'Query.search': 5,
  'Query.searchConnection': 5,
};

type Variables = Record<string, unknown> | undefined;

/**
 * Estimates what an operation asks for, the way GitHub and Shopify do: every object a field can
 * return costs 1, and a field's `first` (or its default) multiplies the cost of everything under
 * it; so does the length of `ids`/`slugs`, or ASSUMED_LIST_SIZE for other lists. Scalars are
 * free. Alternatives under an interface are summed, so the figure is an upper bound. Fragments
 * are costed once each (memoised), so nested spreads cannot make the estimate itself slow.
 */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Variables = {},
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const values = { ...variableDefaults(operation), ...(variables ?? {}) };
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        if (type && isCompositeType(type)) total += selectionCost(selection.selectionSet, type);
      } else {
        total += fragmentCost(selection.name.value);
      }
    }
    return total;
  };

  const fragmentCost = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments[name];
    // A cycle is a validation error of its own (NoFragmentCyclesRule): count it as nothing here.
    if (!fragment || visiting.has(name)) return 0;
    const type = schema.getType(fragment.typeCondition.name.value);
    visiting.add(name);
    const cost = type && isCompositeType(type) ? selectionCost(fragment.selectionSet, type) : 0;
    visiting.delete(name);
    memo.set(name, cost);
    return cost;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType): number => {
    const def = fieldDefinition(schema, parent, node.name.value);
    if (!def) return 0;
    const type = getNamedType(def.type);
    const list = isListType(getNullableType(def.type));
    const size = itemsOf(node, def, parent, list, values);
    const coordinate = `${parent.name}.${def.name}`;
    const extra = Number(def.extensions?.cost ?? COMPUTE_COST[coordinate] ?? 0);
    const own = (isCompositeType(type) ? (list ? size : 1) : 0) + extra;
    const below =
      node.selectionSet && isCompositeType(type)
        ? size * selectionCost(node.selectionSet, type)
        : 0;
    return own + below;
  };

  return selectionCost(operation.selectionSet, root);
}

/** The field's definition, meta-fields included; null for a field the type lacks. */
function fieldDefinition(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | null {
  if (name === '__schema' && parent === schema.getQueryType()) return SchemaMetaFieldDef;
  if (name === '__type' && parent === schema.getQueryType()) return TypeMetaFieldDef;
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name] ?? null;
  return null; // unions have only __typename, a scalar
}

/** How many items a field multiplies what is under it by. */
function itemsOf(
  node: FieldNode,
  def: GraphQLField<unknown, unknown>,
  parent: GraphQLCompositeType,
  list: boolean,
  variables: Variables,
): number {
  const firstArg = def.args.find((a) => a.name === 'first');
  if (firstArg) {
    // a bounded list's default is in the schema (src/core/bounded-lists.ts); connections' is 20
    const schemaDefault =
      typeof firstArg.defaultValue === 'number' ? firstArg.defaultValue : undefined;
    const fallback = FIRST_DEFAULTS[`${parent.name}.${def.name}`] ?? schemaDefault ?? DEFAULT_FIRST;
    const first = argumentValue(node.arguments, 'first', variables);
    // Not a positive whole number: the resolver refuses it; cost it as the default meanwhile.
    if (typeof first !== 'number' || !Number.isInteger(first) || first <= 0) return fallback;
    // Over the largest page any field serves, the resolver refuses it too, naming `first`; costed
    // as that page, so a first of a million is told "first must be between 1 and 100" rather than
    // "too complex", and not charged a million against the rate limit.
    return Math.min(first, MAX_PAGE_SIZE);
  }
  if (!list) return 1;
  for (const name of ['ids', 'slugs']) {
    const value = argumentValue(node.arguments, name, variables);
    // more than any field takes (nodes: 100 ids) is refused by the resolver, naming the argument
    if (Array.isArray(value)) return Math.min(Math.max(1, value.length), MAX_PAGE_SIZE);
    if (value !== undefined && value !== null) return 1; // a single value coerces to a list of one
  }
  // A connection's edges and nodes are the page its `first` already counted.
  if (parent.name.endsWith('Connection')) return 1;
  return ASSUMED_LIST_SIZE;
}

/** Each variable's default value, for variables the request leaves out. */
function variableDefaults(operation: OperationDefinitionNode): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue) defaults[v.variable.name.value] = valueFromASTUntyped(v.defaultValue);
  }
  return defaults;
}

function argumentValue(
  args: readonly ArgumentNode[] | undefined,
  name: string,
  variables: Variables,
): unknown {
  const arg = args?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  return valueFromASTUntyped(arg.value, variables ?? undefined);
}

/** The arguments whose values size a list (see itemsOf): only variables used in them change an estimate. */
const SIZING_ARGUMENTS = new Set(['first', 'ids', 'slugs']);

/** The variables an operation's estimate depends on, fragments included. */
function sizingVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (!SIZING_ARGUMENTS.has(node.name.value)) return false;
      visit(node.value, { Variable: (variable) => void names.add(variable.name.value) });
      return false;
    },
  });
  return [...names];
}

/** Memo keys longer than this are kept as their SHA-256: a key is at most this long. */
const MAX_KEY_LENGTH = 64;
/**
 * Estimates remembered, all operations together (about 200 bytes each): one memo for the
 * process, so documents times values cannot multiply (5,000 documents kept by Apollo, each with
 * a memo of its own, could hold 64 values apiece).
 */
const MAX_ESTIMATES = 10_000;

interface Operation {
  /** Distinguishes this operation's entries in the shared memo. */
  id: number;
  sizing: string[];
}

/**
 * estimateCost, remembered per operation (Apollo hands the same parsed document to every request
 * with the same text) and per value of the variables that size its lists: a search whose words
 * vary is estimated once, a page whose `first` varies once per value.
 */
export class CostEstimator {
  private readonly operations = new WeakMap<OperationDefinitionNode, Operation>();
  private readonly estimates = new LRUCache<string, number>({ max: MAX_ESTIMATES });
  private nextId = 0;

  constructor(private readonly schema: GraphQLSchema) {}

  estimate(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Variables,
  ): number {
    let known = this.operations.get(operation);
    if (!known) {
      known = { id: this.nextId++, sizing: sizingVariables(document) };
      this.operations.set(operation, known);
    }
    // [value] when given, [] when left out (its default applies): an explicit null is not a default
    const values =
      known.sizing.length === 0
        ? ''
        : JSON.stringify(
            known.sizing.map((name) => (variables && name in variables ? [variables[name]] : [])),
          );
    // the values are the client's (900 KB of ids, say): a long key is kept as its hash
    const key = `${known.id}:${values.length > MAX_KEY_LENGTH ? createHash('sha256').update(values).digest('base64url') : values}`;
    let cost = this.estimates.get(key);
    if (cost === undefined) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const d of document.definitions)
        if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
      cost = estimateCost(this.schema, operation, fragments, variables);
      this.estimates.set(key, cost);
    }
    return cost;
  }
}
