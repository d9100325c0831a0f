import { ApolloServerPlugin } from '@apollo/server';
import { Context } from '../context';
import { ErrorCode } from '../errors';
import { errorsByCode, graphqlDuration, graphqlRequests, graphqlStatements, recordCacheHit, recordCacheMiss } from './registry';

/** Distinct operation names kept as labels; later ones are counted as "other" (clients choose names). */
const MAX_OPERATION_LABELS = 200;
const seen = new Set<string>();

/** The label for an operation: its name, "anonymous", or "other" once too many names were seen. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_LABELS || !/^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name)) return 'other';
  seen.add(name);
  return name;
}

/**
 * Counts each GraphQL operation, its latency, its SQL statements and the error codes it answers
 * with; with `responseCache`, also the response cache's hits and misses (every query it looked up).
 */
export function metricsPlugin(options: { responseCache?: boolean } = {}): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, request, contextValue, metrics, operation: document }) {
          if (options.responseCache && document?.operation === 'query') {
            if (metrics.responseCacheHit) recordCacheHit('response');
            else recordCacheMiss('response');
          }
          const operation = operationLabel(operationName ?? request.operationName);
          graphqlRequests.inc({ operation });
          graphqlDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
          graphqlStatements.observe({ operation }, contextValue.sql.statements);
          if (response.body.kind === 'single') {
            for (const error of response.body.singleResult.errors ?? []) {
              errorsByCode.inc({ code: String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR) });
            }
          }
        },
      };
    },
  };
}
