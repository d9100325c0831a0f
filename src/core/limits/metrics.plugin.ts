import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { recordRateLimitRefusal } from '../metrics';
import { partsPlugin, RequestPart } from '../request-parts';
import { LIMIT_CODES, limitCodeOf } from './refusals';

/** The limit behind a refusal, whether Apollo relabelled it or not. */
function limitOf(error: {
  message: string;
  extensions?: Record<string, unknown>;
}): string | undefined {
  const code = limitCodeOf(error, error.message) ?? error.extensions?.code;
  return typeof code === 'string' && LIMIT_CODES.has(code) ? code : undefined;
}

/** Counts each refusal by a query limit or the rate limit in careergraph_rate_limit_refusals_total{limit}. */
export const limitMetricsPart: RequestPart<BaseContext> = {
  didEncounterErrors({ errors }) {
    for (const error of errors) {
      const limit = limitOf(error);
      if (limit) recordRateLimitRefusal(limit);
    }
  },
};

export function limitMetricsPlugin(): ApolloServerPlugin {
  return partsPlugin([limitMetricsPart]);
}
