/**
 * The layers careergraph adds around Apollo Server, by name, for the benchmark's per-layer
 * profile (`npm run bench -- --layers`): BENCH_LAYERS_OFF=<name>[,<name>] starts the server
 * without them, so the benchmark can measure what each costs a request. Turning a layer off
 * turns off what it guards (limits, logs, metrics...): for measuring only, never for serving.
 */
export const LAYERS = {
  cors: 'CORS headers and preflights on /graphql',
  'request-id': 'x-request-id header and the "request received" debug line',
  'async-scope':
    'AsyncLocalStorage scope around execution (the SQL statement counter and deadline its database code reads)',
  deadline: 'REQUEST_DEADLINE_MS timer (503 past it, writes rolled back)',
  'body-checks':
    'JSON-only POST, operationName and variables shape, batch policy, trusted documents',
  compression: 'gzip or brotli of answers of 1 kB or more, when asked for',
  'ends-together':
    "answers of /graphql ended together at the end of the event loop's turn (src/core/http/end-together.ts); off, each at once",
  auth: 'API key lookup (Authorization) in the context',
  'query-limits': 'validation rules: operation type, depth, aliases and directives, name length',
  'statements-plugin': 'extensions.sqlStatements and the per-request log line',
  'graph-version': 'extensions.graphVersion',
  'request-id-plugin': 'request id on errors, for formatError',
  'limit-metrics': 'counts of refusals by limit',
  'nul-guard': 'refusal of text holding NUL',
  cost: 'cost estimate, MAX_QUERY_COST and the rate limiter',
  metrics: 'Prometheus request, latency, statement and error metrics',
  'cache-control': 'Cache-Control header from cache hints',
  etag: 'ETags and 304s for GET',
  'response-replay':
    'cached answers written out before Apollo parses the request (src/core/cache/replay.ts); off, Apollo answers them',
  drain: 'graceful drain on SIGTERM',
  jit: 'compiled execution (graphql-jit) in place of graphql-js',
  'search-answers':
    'answers of repeated searches kept per graph version (src/modules/search/search.service.ts)',
} as const;

export type Layer = keyof typeof LAYERS;

/** Parses BENCH_LAYERS_OFF: a comma-separated list of LAYERS names. */
export function parseLayersOff(raw: string | undefined, fail: (message: string) => Error): Layer[] {
  if (!raw) return [];
  const names = raw
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(n in LAYERS));
  if (unknown.length)
    throw fail(
      `BENCH_LAYERS_OFF names unknown layer(s) ${unknown.join(', ')}; known: ${Object.keys(LAYERS).join(', ')}`,
    );
  return names as Layer[];
}
