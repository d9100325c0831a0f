import { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import { RequestHandler } from 'express';
import { NodeHandler } from '../http/node-http';
import { DataSource } from 'typeorm';
import { databaseIdentity } from '../cache/database-identity';
import { RedisSettings } from '../config';
import { Context } from '../context';
import { Logger } from '../logger';
import { costPart } from './cost.plugin';
import { countLimitRule } from './counts.rule';
import { depthLimitRule } from './depth.rule';
import { nameLengthRule } from './names.rule';
import { operationTypeRule } from './operation-type.rule';
import { limitMetricsPart } from './metrics.plugin';
import { nulGuardPart } from './nul-guard.plugin';
import { BucketStore, createBucketStore } from './rate-limit';
import { mcpRateLimit } from './rate-limit/mcp-rate-limit';
import { requestIdPart } from './request-id';
import type { Layer } from '../layers';
import type { RequestPart } from '../request-parts';
import { DEFAULT_SECURITY, SecuritySettings } from './settings';
import { batchPolicy, requireJsonBody } from './transport/body-checks';
import { cors } from './transport/cors';
import { requestShape } from './transport/request-shape';
import { loadManifest, ManifestCache, trustedDocuments } from './transport/trusted-documents';

export { estimateCost } from './cost';
export { DEFAULT_LIMITS, DEFAULT_SECURITY, parseSecuritySettings } from './settings';
export type {
  QueryLimits,
  RateLimitSettings,
  SecuritySettings,
  TransportSettings,
} from './settings';

/** What the limits add to Apollo and to the express route in front of it. */
export interface Security {
  /** Spread into the ApolloServer options. */
  apollo: Pick<
    ApolloServerOptions<Context>,
    | 'validationRules'
    | 'parseOptions'
    | 'allowBatchedHttpRequests'
    | 'persistedQueries'
    | 'csrfPrevention'
  >;
  /** Server-level hooks (the rate limiter's connection ends with the server). */
  plugins: ApolloServerPlugin<Context>[];
  /** Per-request work, run in one combined plugin (src/core/request-parts.ts), each named by its layer (src/core/layers.ts). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each part keeps a state of its own type
  parts: { layer: Layer; part: RequestPart<Context, any> }[];
  /** CORS for /graphql, mounted before every other route so preflights reach it. */
  cors: NodeHandler;
  /** The rate limiter's buckets (null when off): the response cache spends a replayed answer's cost from them. */
  buckets: BucketStore | null;
  /** After the JSON body parser, before Apollo. */
  afterBody: NodeHandler[];
  /** In front of POST /mcp: tool calls spend from the same buckets as queries. */
  mcp: RequestHandler;
}

/**
 * The request-side protections of the API: query limits checked before execution, rate limiting
 * by cost, and transport rules (CORS, JSON only, batches, trusted documents). Settings left out
 * take the defaults, with rate limiting off unless asked for (tests build many servers).
 */
export function createSecurity(
  settings: Partial<SecuritySettings> | undefined,
  deps: { redis?: RedisSettings | null; logger: Logger; db: DataSource },
): Security {
  const limits = settings?.limits ?? DEFAULT_SECURITY.limits;
  const rateLimit = settings?.rateLimit ?? { ...DEFAULT_SECURITY.rateLimit, points: 0 };
  const transport = settings?.transport ?? DEFAULT_SECURITY.transport;
  const buckets = createBucketStore(rateLimit, deps.redis, deps.logger, () =>
    databaseIdentity(deps.db),
  );
  const manifest = transport.trustedDocuments ? loadManifest(transport.trustedDocuments) : null;
  return {
    apollo: {
      validationRules: [
        operationTypeRule,
        ...(limits.maxDepth > 0 ? [depthLimitRule(limits.maxDepth)] : []),
        countLimitRule(limits.maxAliases, limits.maxDirectives),
        nameLengthRule(limits.maxNameLength),
      ],
      parseOptions: limits.maxTokens > 0 ? { maxTokens: limits.maxTokens } : {},
      allowBatchedHttpRequests: transport.batchMaxOperations > 0,
      // Apollo's CSRF prevention refuses a GET without a special header, so urql's default GET,
      // Apollo Client's useGETForQueries, curl and CDNs all failed. It guards cookie sessions; here
      // no credential is ambient (keys travel only in Authorization, which a cross-site page cannot
      // add without a CORS preflight), a GET can only run a query (mutations are 405, Apollo's own
      // rule), and a POST must still be application/json (requireJsonBody: 415 otherwise).
      csrfPrevention: false,
      ...(manifest ? { persistedQueries: { cache: new ManifestCache(manifest) } } : {}),
    },
    plugins: [
      {
        async serverWillStart() {
          return { serverWillStop: async () => void (await buckets?.close()) };
        },
      },
    ],
    parts: [
      { layer: 'request-id-plugin', part: requestIdPart },
      { layer: 'limit-metrics', part: limitMetricsPart },
      { layer: 'nul-guard', part: nulGuardPart },
      {
        layer: 'cost',
        part: costPart({ maxCost: limits.maxCost, buckets, bucketSize: rateLimit.points }),
      },
    ],
    cors: cors(transport.corsOrigins),
    buckets,
    afterBody: [
      requireJsonBody(),
      requestShape(limits.maxNameLength, limits.maxVariablesDepth),
      batchPolicy(transport.batchMaxOperations),
      ...(manifest ? [trustedDocuments(manifest)] : []),
    ],
    mcp: mcpRateLimit(buckets),
  };
}
