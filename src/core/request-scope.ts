import { AsyncLocalStorage } from 'node:async_hooks';
import type { StatementCount } from './query-counter';
import type { Deadline } from './writes/deadline';

/**
 * What code deep in a request finds without being handed it: the request's SQL statement
 * counter and its deadline. One AsyncLocalStorage for both: under Node 20 every enabled store is
 * copied onto every promise the process creates, so each one more costs every request.
 */
export interface RequestScope {
  sql?: StatementCount;
  deadline?: Deadline;
}

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Scopes in progress. Under Node 20 an AsyncLocalStorage, once entered, hooks every promise and
 * async resource the process creates from then on (0.02 ms of CPU per `{ __typename }` request,
 * 12%, measured with the scope around all of Apollo), whether or not any code reads it. So the
 * storage is enabled only while a scope is in progress and turned off when the last one ends:
 * scopes are entered where a request may reach the database (its execution, the API key
 * lookup, a graph version read), not around the whole request, and a request that reaches no
 * database between them pays nothing. A promise made while the storage is off carries no
 * scope, which is right: only code started inside a scope runs in it.
 */
let inProgress = 0;

function leave(): void {
  inProgress -= 1;
  if (inProgress === 0) storage.disable();
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | undefined)?.then === 'function';

/** Calls leave() once `result` settles, or now when it is a plain value. */
function leaveAfter(result: unknown): void {
  if (isThenable(result)) result.then(leave, leave);
  else leave();
}

function scoped<T>(scope: RequestScope, fn: () => T): T {
  inProgress += 1;
  const outer = lazy;
  lazy = undefined; // inside, the storage holds the scope
  let result: T;
  try {
    result = storage.run(scope, fn);
  } catch (err) {
    leave();
    throw err;
  } finally {
    lazy = outer;
  }
  leaveAfter(result);
  return result;
}

/**
 * A scope held without the storage, for code that usually finishes without waiting (a query
 * whose graph tables are built): switching the storage on and off around such an execution cost
 * `search` and `path` 12% of their CPU (bench/README.md, fifteenth session) though no promise was
 * made in it. Code that starts waiting in it calls carryRequestScope() first, which moves the
 * scope into the storage for the rest of the execution and what it starts.
 */
interface LazyScope {
  scope: RequestScope;
  /** Whether carryRequestScope() moved it into the storage, and what the storage held before. */
  carried: boolean;
  before?: RequestScope;
}

let lazy: LazyScope | undefined;

/** Runs `fn` (and whatever it starts, until the promise it returns settles) with `scope` in place of the current one. */
export const withRequestScope = <T>(scope: RequestScope, fn: () => T): T => scoped(scope, fn);

/** Runs `fn` with the current scope and `more` (a CLI or an MCP tool call that sets one part). */
export const withinRequestScope = <T>(more: RequestScope, fn: () => T): T =>
  scoped({ ...currentRequestScope(), ...more }, fn);

/** Gives the storage back what it held before carryRequestScope() (undefined too). */
const restore = (state: LazyScope) => storage.enterWith(state.before as RequestScope);

/**
 * withinRequestScope, with the scope held outside the storage while `fn` runs (LazyScope): for
 * code that seldom waits, and whose every way to the database calls carryRequestScope() first.
 */
export function withinLazyRequestScope<T>(more: RequestScope, fn: () => T): T {
  const outer = lazy;
  const state: LazyScope = { scope: { ...currentRequestScope(), ...more }, carried: false };
  lazy = state;
  let result: T;
  try {
    result = fn();
  } catch (err) {
    lazy = outer;
    if (state.carried) {
      restore(state);
      leave();
    }
    throw err;
  }
  lazy = outer;
  if (state.carried) {
    // the rest of this synchronous run is the caller's again; what `fn` started keeps the scope
    restore(state);
    leaveAfter(result);
  }
  return result;
}

/**
 * Called where code that may run in a lazy scope starts waiting on the way to the database (a
 * DataLoader, the graph tables, a query runner): from here on the scope is in the storage, so
 * the promises made from now on, and what runs when they settle, carry it.
 */
export function carryRequestScope(): void {
  const state = lazy;
  if (!state || state.carried) return;
  state.carried = true;
  state.before = inProgress > 0 ? storage.getStore() : undefined;
  inProgress += 1;
  storage.enterWith(state.scope);
}

export const currentRequestScope = (): RequestScope | undefined =>
  lazy ? lazy.scope : storage.getStore();

/** Whether the storage is on now (a scope is in progress): for tests. */
export const requestScopeEnabled = (): boolean => inProgress > 0;
