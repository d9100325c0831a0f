import { ApolloServerPlugin } from '@apollo/server';
import { performance } from 'node:perf_hooks';
import { Context } from '../context';
import { partsPlugin, RequestPart } from '../request-parts';
import { ErrorCode } from '../errors';
import {
  errorsByCode,
  graphqlDuration,
  graphqlRequests,
  graphqlStatements,
  recordCacheHit,
  recordCacheMiss,
} from './registry';

/** Distinct operation names kept as labels; later ones are counted as "other" (clients choose names). */
const MAX_OPERATION_LABELS = 200;
const seen = new Set<string>();

/**
 * The label of a request that resolved no operation: its document did not parse or validate, or
 * its operationName named none of the document's operations.
 */
export const UNRESOLVED_OPERATION = 'unresolved';

/** The label for an operation: its name, "anonymous", or "other" once too many names were seen. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_LABELS || !/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name))
    return 'other';
  seen.add(name);
  return name;
}

/**
 * Counts each GraphQL operation, its latency, its SQL statements and the error codes it answers
 * with; with `responseCache`, also the response cache's hits and misses (every query it looked up).
 */
export function metricsPart(
  options: { responseCache?: boolean } = {},
): RequestPart<Context, number> {
  return {
    start: () => performance.now(),
    willSendResponse({ response, contextValue, metrics, operation: document }, started) {
      if (options.responseCache && document?.operation === 'query') {
        if (metrics.responseCacheHit) recordCacheHit('response');
        else recordCacheMiss('response');
      }
      // the name of the operation Apollo resolved from the document, never the request's
      // operationName: a refused request's name would take one of the labels for nothing
      const operation = document ? operationLabel(document.name?.value) : UNRESOLVED_OPERATION;
      graphqlRequests.inc(operation);
      graphqlDuration.observe(operation, (performance.now() - started) / 1e3);
      graphqlStatements.observe(operation, contextValue.sql.statements);
      if (response.body.kind === 'single') {
        const errors = response.body.singleResult.errors;
        if (errors)
          for (const error of errors)
            errorsByCode.inc({
              code: String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR),
            });
      }
    },
  };
}

export function metricsPlugin(
  options: { responseCache?: boolean } = {},
): ApolloServerPlugin<Context> {
  return partsPlugin([metricsPart(options)]);
}
