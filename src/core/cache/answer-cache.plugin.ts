import { BaseContext, GraphQLRequest, GraphQLResponse, HeaderMap } from '@apollo/server';
import { etagOfJson } from '../http-cache/etag.plugin';
import { answerIsShareable } from '../http-cache/static-policy';
import type { StatementCount } from '../query-counter';
import type { RequestPart } from '../request-parts';
import { NeverStoredTexts, withoutVariables } from './never-stored';
import { AnswerStore, StoredAnswer } from './stored-answer';
import { replayableRequest } from './replayable-request';

/** What the cache's part and the route's replay share about the cache. */
export interface AnswerCacheScope {
  store: AnswerStore;
  identity: string;
  /** The graph version now. */
  version(): number;
  /** The key of a request's answer at `version`. */
  keyOf(
    version: number,
    query: string,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): string;
  /** Whether the route looks the cache up before Apollo (replay.ts) for the requests it may answer. */
  replayInFront: boolean;
  /** Texts the replay need not look up: their answers are never stored. */
  neverStored: NeverStoredTexts;
}

/** Per operation: the key it was looked up under, at which graph version, and what was found. */
interface Lookup {
  key: string;
  version: number;
  hit?: StoredAnswer;
}
const lookups = new WeakMap<GraphQLRequest, Lookup>();

/** The extensions a replayed answer can make again (replay.ts): anything else is not stored. */
const REPLAYABLE_EXTENSIONS = new Set(['sqlStatements', 'cost', 'graphVersion']);

/**
 * Apollo's side of the response cache, a per-request part (src/core/request-parts.ts), the last
 * of them. Before execution (`responseForOperation`: after parsing, validation and the limits)
 * it looks up a query's answer for the requests the route did not look up in front (those with
 * credentials, persisted queries, other Accept headers, and every operation run in process), as
 * Apollo's response-cache plugin did; a hit's `data` is parsed here (the route's replay writes
 * it out as it is). Once the answer is complete (`willSendResponse`, after every other part
 * finished it) it gives a hit its `Age` header, and stores a miss's answer when the
 * cache-control policy allows it (a query, no errors, a max-age, public: an answer to a request
 * with credentials is private and never stored). A part rather than a plugin of its own: Apollo
 * awaits every plugin's hooks, a promise or two more for every request, `{ __typename }` too.
 */
export function answerCachePart(scope: AnswerCacheScope): RequestPart<BaseContext> {
  return {
    responseForOperation(rc) {
      rc.metrics.responseCacheHit = false;
      const { operation, document, request } = rc;
      if (
        operation?.operation !== 'query' ||
        !answerIsShareable(operation, document, request.variables)
      ) {
        // only the replay in front reads these
        if (
          scope.replayInFront &&
          operation &&
          document.definitions.length === 1 &&
          withoutVariables(request.variables)
        )
          scope.neverStored.add(rc.source);
        return null;
      }
      const version = scope.version();
      const lookup: Lookup = {
        version,
        key: scope.keyOf(version, rc.source, request.operationName, request.variables),
      };
      lookups.set(request, lookup);
      if (scope.replayInFront && request.http && lookedUpInFront(request)) return null;
      const found = scope.store.get(lookup.key);
      const answer = (hit: StoredAnswer | undefined): GraphQLResponse | null => {
        if (!hit) return null;
        lookup.hit = hit;
        rc.metrics.responseCacheHit = true;
        rc.overallCachePolicy.replace({ maxAge: hit.maxAge, scope: 'PUBLIC' });
        return {
          body: { kind: 'single', singleResult: { data: JSON.parse(hit.data) } },
          http: { status: undefined, headers: new HeaderMap() },
        };
      };
      return found instanceof Promise ? found.then(answer) : answer(found);
    },
    willSendResponse({ request, response, overallCachePolicy, operationName, contextValue }) {
      const lookup = lookups.get(request);
      if (!lookup || response.body.kind !== 'single') return;
      if (lookup.hit) {
        response.http.headers.set(
          'age',
          String(Math.round((Date.now() - lookup.hit.storedAt) / 1000)),
        );
        return;
      }
      const { data, errors, extensions } = response.body.singleResult;
      const policy = overallCachePolicy.policyIfCacheable();
      if (errors || !data || !policy || policy.scope === 'PRIVATE') return;
      // read (in part) from a read replica, which may not have replayed the writes the graph
      // version counts: kept under that version, a lag of a moment would be served to every
      // replica for the whole max-age
      if ((contextValue as { sql?: StatementCount }).sql?.replica) return;
      const names = extensions ? Object.keys(extensions) : [];
      if (names.some((name) => !REPLAYABLE_EXTENSIONS.has(name))) return;
      const cost = extensions?.cost as { requested: number; limit: number | null } | undefined;
      const json = JSON.stringify(data);
      scope.store.set(lookup.key, {
        data: json,
        maxAge: policy.maxAge,
        storedAt: Date.now(),
        operationName: operationName ?? null,
        extensions: names,
        ...(cost ? { cost: { requested: cost.requested, limit: cost.limit } } : {}),
        etag: etagOfJson(json, { database: scope.identity, graphVersion: lookup.version }),
      });
    },
  };
}

function lookedUpInFront(request: GraphQLRequest): boolean {
  const http = request.http!;
  return (
    replayableRequest({
      method: http.method,
      header: (name) => http.headers.get(name),
      body: http.body,
      search: http.search,
    }) !== null
  );
}
