import type { BaseContext, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import {
  DirectiveNode,
  DocumentNode,
  FragmentDefinitionNode,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

type CachePolicy = GraphQLRequestContext<BaseContext>['overallCachePolicy'];
type Variables = Record<string, unknown> | undefined;

/** Per operation: whether its answer may be shared, or null when @skip / @include decide it. */
const memo = new WeakMap<OperationDefinitionNode, boolean | null>();

/** Root fields whose answer depends on who asks (the key a request carries): never cacheable. */
const perCaller = new Set<string>();

/**
 * Marks root fields as answered per caller (`viewer`, say): an operation reading one is never
 * cacheable, so no cache, ours or a shared one, hands one caller's answer to another (an answer
 * without credentials is otherwise public, and looked up for requests with them too).
 */
export function answeredPerCaller(...fields: string[]): void {
  for (const field of fields) perCaller.add(field);
}

/**
 * Whether executing `operation` resolves at least one field of the schema's root type (not
 * `__typename`, `__schema` or `__type`) and none answered per caller (answeredPerCaller), with
 * @skip and @include at the root evaluated against the request's variables: whether its answer
 * is cacheable and may be shared.
 */
export function answerIsShareable(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Variables,
): boolean {
  let known = memo.get(operation);
  if (known === undefined) {
    known = verdict(walk(operation.selectionSet, fragmentsOf(document), undefined, new Set()));
    memo.set(operation, known);
  }
  if (known !== null) return known;
  const defaults = defaultsOf(operation);
  return verdict(
    walk(operation.selectionSet, fragmentsOf(document), { ...defaults, ...variables }, new Set()),
  ) as boolean;
}

/** What a walk found at the root: fields read, a field answered per caller, selections undecided. */
interface Found {
  reads: boolean;
  perCaller: boolean;
  undecided: boolean;
}

function verdict(found: Found): boolean | null {
  if (found.perCaller) return false;
  if (found.undecided) return null;
  return found.reads;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  return fragments;
}

function defaultsOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? [])
    if (definition.defaultValue?.kind === Kind.BOOLEAN)
      defaults[definition.variable.name.value] = definition.defaultValue.value;
  return defaults;
}

/**
 * What the root selections read; `undecided` when @skip / @include wait for variables not given.
 * Each fragment is walked once (`walked`): what it holds is already in `found`, and a document
 * spreading a fragment twice a level would otherwise be walked 2^levels times.
 */
function walk(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
  walked: Set<string>,
  found: Found = { reads: false, perCaller: false, undecided: false },
): Found {
  for (const selection of selectionSet.selections) {
    const included = includes(selection.directives, variables);
    if (included === null) {
      found.undecided = true;
      continue;
    }
    if (!included) continue;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (perCaller.has(name)) found.perCaller = true;
      else if (!name.startsWith('__')) found.reads = true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT)
      walk(selection.selectionSet, fragments, variables, walked, found);
    else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || walked.has(name)) continue;
      walked.add(name);
      walk(fragment.selectionSet, fragments, variables, walked, found);
    }
    if (found.perCaller) return found;
  }
  return found;
}

/** Whether @skip / @include let a selection run; null when a variable decides and none are known. */
function includes(
  directives: readonly DirectiveNode[] | undefined,
  variables: Record<string, unknown> | undefined,
): boolean | null {
  if (!directives?.length) return true;
  for (const directive of directives) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const arg = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    let value: unknown;
    if (arg?.kind === Kind.BOOLEAN) value = arg.value;
    else if (arg?.kind === Kind.VARIABLE) {
      if (!variables) return null;
      value = variables[arg.name.value];
    }
    if (name === 'skip' && value === true) return false;
    if (name === 'include' && value !== true) return false;
  }
  return true;
}

const UNCACHEABLE = 'no-store';
const CACHEABLE_HEADER = /^max-age=(\d+), (public|private)$/;

/**
 * Sets the Cache-Control header as Apollo's cache-control plugin does:
 * `max-age=N, public|private` for a cacheable single answer without errors, else `no-store`;
 * a header already set is kept when it is not one of those two forms, and restricts the policy
 * when it is.
 *
 * Checked against: @apollo/server 5.5.1 (docs/operations.md, "Shortcuts around the libraries").
 */
export function answerCacheControl(response: GraphQLResponse, overall: CachePolicy): void {
  const existing = response.http.headers.get('cache-control');
  let maxAge = overall.maxAge;
  let scope = overall.scope;
  if (existing === UNCACHEABLE) maxAge = 0;
  else if (existing) {
    const match = CACHEABLE_HEADER.exec(existing);
    if (!match) return;
    maxAge = maxAge === undefined ? +match[1] : Math.min(maxAge, +match[1]);
    if (match[2] === 'private') scope = 'PRIVATE';
  }
  const cacheable =
    maxAge !== undefined &&
    maxAge > 0 &&
    response.body.kind === 'single' &&
    !response.body.singleResult.errors;
  response.http.headers.set(
    'cache-control',
    cacheable ? `max-age=${maxAge}, ${(scope ?? 'PUBLIC').toLowerCase()}` : UNCACHEABLE,
  );
}
