import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { onStatement } from '../query-counter';
import { LabelledCounter, LabelledHistogram } from './operation-metrics';

/**
 * The process's Prometheus registry: every careergraph_* metric below plus Node's default
 * process metrics (CPU, memory, event loop lag, handles). Served by GET /metrics.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

// Recorded on every request: counted in place (./operation-metrics.ts), not through prom-client's observe().

/** GraphQL operations answered, by operation name. */
export const graphqlRequests = new LabelledCounter(
  'careergraph_graphql_requests_total',
  'GraphQL operations answered, by operation name',
  'operation',
);

/** Time from receiving an operation to sending its answer, by operation name. */
export const graphqlDuration = new LabelledHistogram(
  'careergraph_graphql_request_duration_seconds',
  'Time to answer a GraphQL operation, in seconds, by operation name',
  'operation',
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
);

/** SQL statements one operation cost, by operation name (its spread shows N+1 regressions). */
export const graphqlStatements = new LabelledHistogram(
  'careergraph_graphql_sql_statements',
  'SQL statements issued by one GraphQL operation, by operation name',
  'operation',
  [0, 1, 2, 5, 10, 20, 50, 100],
);
for (const metric of [graphqlRequests, graphqlDuration, graphqlStatements])
  registry.registerMetric(metric as never);

/** Errors sent to clients, by extensions.code. */
export const errorsByCode = new Counter({
  name: 'careergraph_errors_total',
  help: 'Errors returned to clients, by extensions.code',
  labelNames: ['code'] as const,
  registers: [registry],
});

/** Every SQL statement the process issued, whatever asked for it. */
export const dbQueries = new Counter({
  name: 'careergraph_db_queries_total',
  help: 'SQL statements issued to the database',
  registers: [registry],
});
onStatement(() => dbQueries.inc());

const cacheHits = new Counter({
  name: 'careergraph_cache_hits_total',
  help: 'Cache lookups that found an entry, by cache',
  labelNames: ['cache'] as const,
  registers: [registry],
});

const cacheMisses = new Counter({
  name: 'careergraph_cache_misses_total',
  help: 'Cache lookups that found nothing, by cache',
  labelNames: ['cache'] as const,
  registers: [registry],
});

const rateLimitRefusals = new Counter({
  name: 'careergraph_rate_limit_refusals_total',
  help: 'Requests refused by a rate or cost limit, by limit',
  labelNames: ['limit'] as const,
  registers: [registry],
});

/** MCP tool calls, by tool and outcome (ok, error). */
export const toolCalls = new Counter({
  name: 'careergraph_mcp_tool_calls_total',
  help: 'MCP tool calls, by tool and outcome',
  labelNames: ['tool', 'outcome'] as const,
  registers: [registry],
});

/** Counts a cache lookup that found an entry; `cache` names the cache (such as "response"). */
export function recordCacheHit(cache: string): void {
  cacheHits.inc({ cache });
}

/** Counts a cache lookup that found nothing. */
export function recordCacheMiss(cache: string): void {
  cacheMisses.inc({ cache });
}

/** Counts a request refused by a limit; `limit` names it (such as "requests-per-minute"). */
export function recordRateLimitRefusal(limit: string): void {
  rateLimitRefusals.inc({ limit });
}

/** Counts an error sent to a client outside GraphQL execution (malformed body, too large...). */
export function recordError(code: string): void {
  errorsByCode.inc({ code });
}

/** The deadline queues of this process's /graphql routes, held weakly (tests start many). */
const inFlightQueues = new Set<WeakRef<{ readonly size: number }>>();

/** Reports `queue.size` (requests still under their deadline) in the in-flight gauge. */
export function trackInFlight(queue: { readonly size: number }): void {
  inFlightQueues.add(new WeakRef(queue));
}

new Gauge({
  name: 'careergraph_graphql_requests_in_flight',
  help: 'Requests to /graphql received and not yet answered, under their REQUEST_DEADLINE_MS',
  registers: [registry],
  collect() {
    let total = 0;
    for (const ref of inFlightQueues) {
      const queue = ref.deref();
      if (queue) total += queue.size;
      else inFlightQueues.delete(ref);
    }
    this.set(total);
  },
});
