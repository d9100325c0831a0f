import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Context } from '../context';
import { ErrorCode } from '../errors';
import { CostEstimator } from './cost';
import { BucketStore, clientIdOf, Take } from './rate-limit';
import { partsPlugin, RequestPart } from '../request-parts';

export interface CostPluginOptions {
  /** Largest estimated cost one operation may have; 0: no limit of its own. */
  maxCost: number;
  /** Per-client token buckets, or null when rate limiting is off. */
  buckets: BucketStore | null;
  /** Bucket size, for the limit (a query bigger than the bucket could never run). */
  bucketSize: number;
}

/** The cost report of an accepted operation, in `extensions.cost`. */
export interface CostReport {
  requested: number;
  limit: number | null;
  rateLimit?: { limit: number; remaining: number; resetSeconds: number };
}

/** RateLimit-* response headers (IETF draft names), and Retry-After on a refusal. */
function rateLimitHeaders(take: Take): [string, string][] {
  const headers: [string, string][] = [
    ['ratelimit-limit', String(take.limit)],
    ['ratelimit-remaining', String(take.remaining)],
    ['ratelimit-reset', String(take.resetSeconds)],
  ];
  if (!take.allowed) headers.push(['retry-after', String(take.retryAfterSeconds)]);
  return headers;
}

/**
 * Before any resolver runs, estimates the operation's cost (with its variables), refuses it
 * over the limit (QUERY_TOO_COMPLEX, HTTP 400), then spends that cost from the client's bucket,
 * refusing with RATE_LIMITED (HTTP 429, Retry-After) when the bucket lacks it. Accepted
 * operations report their cost in `extensions.cost` and the budget left in RateLimit-* headers.
 */
export function costPart(
  options: CostPluginOptions,
): RequestPart<Context, { report?: CostReport; take?: Take }> {
  const limits = [options.maxCost, options.buckets ? options.bucketSize : 0].filter((n) => n > 0);
  const limit = limits.length ? Math.min(...limits) : null;
  let estimator: CostEstimator | undefined;
  const accept = (
    state: { report?: CostReport; take?: Take },
    requested: number,
    take: Take | undefined,
  ) => {
    if (take && !take.allowed) {
      throw new GraphQLError(
        `Rate limit exceeded: this query costs ${Math.max(1, requested)} and ${take.remaining} of ${take.limit} points are left; retry in ${take.retryAfterSeconds} s`,
        {
          extensions: {
            code: ErrorCode.RATE_LIMITED,
            retryAfterSeconds: take.retryAfterSeconds,
            http: { status: 429, headers: new HeaderMap(rateLimitHeaders(take)) },
          },
        },
      );
    }
    state.take = take;
    state.report = { requested, limit };
    if (take)
      state.report.rateLimit = {
        limit: take.limit,
        remaining: take.remaining,
        resetSeconds: take.resetSeconds,
      };
  };
  return {
    start: () => ({}),
    didResolveOperation({ document, operation, request, contextValue, schema }, state) {
      if (!operation) return;
      estimator ??= new CostEstimator(schema);
      const requested = estimator.estimate(document, operation, request.variables);
      if (limit !== null && requested > limit) {
        const which =
          limit === options.maxCost ? 'MAX_QUERY_COST' : 'RATE_LIMIT_POINTS, the whole budget';
        throw new GraphQLError(
          `The query's estimated cost is ${requested}; the limit is ${limit} (${which}). ` +
            'Each object returned costs 1 and `first` multiplies what is under it: ask for smaller pages or fewer nested lists.',
          {
            extensions: {
              code: ErrorCode.QUERY_TOO_COMPLEX,
              cost: requested,
              limit,
              http: { status: 400 },
            },
          },
        );
      }
      if (!options.buckets) return accept(state, requested, undefined);
      return options.buckets
        .take(clientIdOf(contextValue), Math.max(1, requested))
        .then((take) => accept(state, requested, take));
    },
    willSendResponse({ response }, { take, report }) {
      if (take)
        for (const [name, value] of rateLimitHeaders(take)) response.http.headers.set(name, value);
      if (report && response.body.kind === 'single') {
        const result = response.body.singleResult;
        if (result.extensions) result.extensions.cost = report;
        else result.extensions = { cost: report };
      }
    },
  };
}

export function costPlugin(options: CostPluginOptions): ApolloServerPlugin<Context> {
  return partsPlugin([costPart(options)]);
}
