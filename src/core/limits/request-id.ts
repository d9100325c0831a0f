import { ApolloServerPlugin } from '@apollo/server';
import { Context } from '../context';
import { partsPlugin, RequestPart } from '../request-parts';

const requestIds = new WeakMap<object, string>();

/** The request id an error was raised under (tagged by requestIdPlugin), for formatError. */
export function requestIdOf(error: unknown): string | undefined {
  return error !== null && typeof error === 'object' ? requestIds.get(error) : undefined;
}

/**
 * Remembers which request each error belongs to, so formatError can give unexpected failures
 * the request id (in the response and in the log line) without a context of its own.
 */
export const requestIdPart: RequestPart<Context> = {
  didEncounterErrors({ errors, contextValue }) {
    for (const error of errors) requestIds.set(error, contextValue.requestId);
  },
};

export function requestIdPlugin(): ApolloServerPlugin<Context> {
  return partsPlugin([requestIdPart]);
}
