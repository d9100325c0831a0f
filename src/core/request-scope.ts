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

/** Runs `fn` with `scope` in place of the current one. */
export const withRequestScope = <T>(scope: RequestScope, fn: () => T): T => storage.run(scope, fn);

/** Runs `fn` with the current scope and `more` (a CLI or an MCP tool call that sets one part). */
export const withinRequestScope = <T>(more: RequestScope, fn: () => T): T =>
  storage.run({ ...storage.getStore(), ...more }, fn);

export const currentRequestScope = (): RequestScope | undefined => storage.getStore();
