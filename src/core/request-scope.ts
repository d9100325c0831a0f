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

function scoped<T>(scope: RequestScope, fn: () => T): T {
  inProgress += 1;
  let result: T;
  try {
    result = storage.run(scope, fn);
  } catch (err) {
    leave();
    throw err;
  }
  if (typeof (result as { then?: unknown } | undefined)?.then === 'function')
    (result as PromiseLike<unknown>).then(leave, leave);
  else leave();
  return result;
}

/** Runs `fn` (and whatever it starts, until the promise it returns settles) with `scope` in place of the current one. */
export const withRequestScope = <T>(scope: RequestScope, fn: () => T): T => scoped(scope, fn);

/** Runs `fn` with the current scope and `more` (a CLI or an MCP tool call that sets one part). */
export const withinRequestScope = <T>(more: RequestScope, fn: () => T): T =>
  scoped({ ...storage.getStore(), ...more }, fn);

export const currentRequestScope = (): RequestScope | undefined => storage.getStore();

/** Whether the storage is on now (a scope is in progress): for tests. */
export const requestScopeEnabled = (): boolean => inProgress > 0;
