import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Apollo Server hands a gateway's executor (ours: src/core/compiled-executor.ts) a request
 * context made per request by `makeGatewayGraphQLRequestContext`, whose `response.http` is an
 * object literal with its own getter and setter for `status`. Under V8 (Node 20) that literal's
 * per-request accessors keep the whole request (its Apollo context, our context, the answer)
 * alive through every minor collection until the next full one: measured with
 * bench/gc-floor.mjs, 2.2 KB of every `{ __typename }` request promoted to the old generation
 * against 0.6 KB with the accessors on a class, as here (Apollo's own executor, which makes no such
 * context, promotes 0.6 KB too).
 *
 * `installGatewayRequestContext` puts this function in place of Apollo's: the same object
 * (every field Apollo's gives, headers through the same HeaderMap, `status` read and written
 * through to Apollo's response), its accessors on a class. Apollo's pipeline calls the function
 * through its module's exports at each request, which is what lets it be replaced. Another
 * version of Apollo is left as it is.
 *
 * Checked against: @apollo/server 5.5.1
 */
export const CHECKED_APOLLO_VERSION = '5.5.1';

interface HeaderMapLike {
  get(name: string): string | undefined;
  set(name: string, value: string): unknown;
  has(name: string): boolean;
  delete(name: string): unknown;
  entries(): IterableIterator<[string, string]>;
  keys(): IterableIterator<string>;
  values(): IterableIterator<string>;
}

/** What the function reads of Apollo's request context. */
interface ApolloRequestContext {
  request: {
    query?: string;
    operationName?: string | null;
    variables?: unknown;
    extensions?: unknown;
    http?: { method: string; search: string; headers: HeaderMapLike };
  };
  response: { http: { status?: number; headers: HeaderMapLike } };
  schema: unknown;
  contextValue: unknown;
  queryHash?: string;
  document?: unknown;
  source?: string;
  operationName?: string | null;
  operation?: unknown;
  errors?: unknown;
  metrics: unknown;
  overallCachePolicy: unknown;
  requestIsBatched?: boolean;
}

type MakeContext = (
  context: ApolloRequestContext,
  server: { logger: unknown; cache: unknown },
  internals: { includeStacktraceInErrorResponses?: boolean },
) => unknown;

/** The Fetch API's Headers over Apollo's HeaderMap, as Apollo's own FetcherHeadersForHeaderMap. */
class FetcherHeadersForHeaderMap {
  constructor(readonly map: HeaderMapLike) {}
  append(name: string, value: string): void {
    if (this.map.has(name)) this.map.set(name, this.map.get(name) + ', ' + value);
    else this.map.set(name, value);
  }
  delete(name: string): void {
    this.map.delete(name);
  }
  get(name: string): string | null {
    return this.map.get(name) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name);
  }
  set(name: string, value: string): void {
    this.map.set(name, value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/** `response.http`: the status read and written through to Apollo's response. */
class GatewayResponseHttp {
  readonly headers: FetcherHeadersForHeaderMap;
  constructor(private readonly context: ApolloRequestContext) {
    this.headers = new FetcherHeadersForHeaderMap(context.response.http.headers);
  }
  get status(): number | undefined {
    return this.context.response.http.status;
  }
  set status(status: number | undefined) {
    this.context.response.http.status = status;
  }
}

export const makeGatewayRequestContext: MakeContext = (context, server, internals) => {
  const request: Record<string, unknown> = {};
  const from = context.request;
  if ('query' in from) request.query = from.query;
  if ('operationName' in from) request.operationName = from.operationName;
  if ('variables' in from) request.variables = from.variables;
  if ('extensions' in from) request.extensions = from.extensions;
  if (from.http) {
    const http = from.http;
    const needQuestion = http.search !== '' && !http.search.startsWith('?');
    request.http = {
      method: http.method,
      url: `https://unknown-url.invalid/${needQuestion ? '?' : ''}${http.search}`,
      headers: new FetcherHeadersForHeaderMap(http.headers),
    };
  }
  return {
    request,
    response: { http: new GatewayResponseHttp(context) },
    logger: server.logger,
    schema: context.schema,
    schemaHash: 'schemaHash no longer exists since Apollo Server 4',
    context: context.contextValue,
    cache: server.cache,
    queryHash: context.queryHash,
    document: context.document,
    source: context.source,
    operationName: context.operationName,
    operation: context.operation,
    errors: context.errors,
    metrics: context.metrics,
    debug: internals.includeStacktraceInErrorResponses,
    overallCachePolicy: context.overallCachePolicy,
    requestIsBatched: context.requestIsBatched,
  };
};

/** Apollo's module holding the function, and its installed version. */
export function apolloGatewayContextModule(): {
  version: string;
  exports: { makeGatewayGraphQLRequestContext?: MakeContext };
} {
  const load = createRequire(__filename);
  // dist/cjs/index.js: the package's own files are found from it (its exports map hides them)
  const cjs = dirname(load.resolve('@apollo/server'));
  const pkg = load(join(cjs, '..', '..', 'package.json')) as { version: string };
  return {
    version: pkg.version,
    exports: load(join(cjs, 'utils', 'makeGatewayGraphQLRequestContext.js')) as {
      makeGatewayGraphQLRequestContext?: MakeContext;
    },
  };
}

/**
 * Puts makeGatewayRequestContext in place of Apollo's (once; idempotent). Returns whether it is
 * in place: false for a version of Apollo it was not checked against, which keeps its own.
 */
export function installGatewayRequestContext(): boolean {
  const apollo = apolloGatewayContextModule();
  if (apollo.version !== CHECKED_APOLLO_VERSION) return false;
  if (typeof apollo.exports.makeGatewayGraphQLRequestContext !== 'function') return false;
  apollo.exports.makeGatewayGraphQLRequestContext = makeGatewayRequestContext;
  return true;
}
