import { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { matchesIfNoneMatch } from '../http-cache/etag.plugin';
import { LARGE_ANSWER } from '../http/answer-body';
import { EndResponse, endNow } from '../http/end-together';
import { appendVary, endCompressed, NodeRequest } from '../http/node-http';
import type { Take } from '../limits/rate-limit';
import { Logger } from '../logger';
import { operationLabel } from '../metrics/metrics.plugin';
import {
  graphqlDuration,
  graphqlRequests,
  graphqlStatements,
  recordCacheHit,
} from '../metrics/registry';
import type { AnswerCacheScope } from './answer-cache.plugin';
import { withoutVariables } from './never-stored';
import { replayableRequest } from './replayable-request';
import { StoredAnswer } from './stored-answer';

/** What a replayed answer does besides being written out, as the layers on the Apollo path do. */
export interface ReplayOptions {
  logger: Logger;
  /** The per-request log line (the statements part). */
  log: boolean;
  /** The request, latency and statement metrics (the metrics part). */
  metrics: boolean;
  /** ETags and 304s for GET (the ETag plugin). */
  etag: boolean;
  /** gzip or brotli when asked for (the route's compression). */
  compression: boolean;
  /** Ends the answer (the route's: at once, or with the turn). */
  end?: EndResponse;
  /** Spends points from the client's rate-limit bucket; absent when rate limiting is off. */
  spend?: (req: NodeRequest, points: number) => Promise<Take>;
}

/**
 * Called by the route once the body is read and checked: `proceed` hands the request to Apollo,
 * `answered` tells the route a replayed answer went out (its deadline no longer applies).
 */
export type ReplayHook = (
  req: NodeRequest,
  res: ServerResponse,
  requestId: string,
  proceed: () => void,
  answered?: () => void,
) => void;

/**
 * Answers a request from the response cache before Apollo parses it, when it is one the cache
 * may answer (replayable-request.ts): one lookup under the same key the Apollo path stores
 * under, and on a hit the stored JSON written out with the headers, extensions, rate-limit
 * spending, metrics and log line the Apollo path gives a hit. The key holds the operation's
 * exact text, so what the query limits (validation, cost, NUL) accepted once they accept again
 * on this server (its limits and schema are in the key too); the request's own checks (CORS,
 * body, shape, batches, trusted documents) ran before this, and the rate limit is spent here.
 *
 * Checked against: @apollo/server 5.5.1 (docs/operations.md, "Shortcuts around the libraries");
 * tests/integration/response-replay.test.ts compares the two paths byte for byte.
 */
export function replayHook(scope: AnswerCacheScope, options: ReplayOptions): ReplayHook {
  const { logger, spend } = options;
  const end = options.end ?? endNow;
  return (req, res, requestId, proceed, answered) => {
    const started = performance.now();
    const url = req.originalUrl ?? req.url ?? '';
    const q = url.indexOf('?');
    const request = replayableRequest({
      method: req.method,
      header: (name) => req.headers[name],
      body: req.body,
      search: q < 0 ? '' : url.slice(q),
    });
    if (!request) return proceed();
    if (withoutVariables(request.variables) && scope.neverStored.has(request.query))
      return proceed();
    const version = scope.version();
    const key = scope.keyOf(version, request.query, request.operationName, request.variables);
    const found = scope.store.get(key);
    const withAnswer = (answer: StoredAnswer | undefined) => {
      if (!answer) return proceed();
      if (!answer.cost || !spend) return send(answer, undefined);
      spend(req, Math.max(1, answer.cost.requested)).then(
        // refused: Apollo answers, and refuses it the same way (429, Retry-After)
        (take) => (take.allowed ? send(answer, take) : proceed()),
        () => proceed(),
      );
    };
    const send = (answer: StoredAnswer, take: Take | undefined) => {
      answered?.();
      if (res.headersSent) return; // the deadline answered first
      res.setHeader('content-type', request.contentType);
      res.setHeader('cache-control', `max-age=${answer.maxAge}, public`);
      if (take) {
        res.setHeader('ratelimit-limit', String(take.limit));
        res.setHeader('ratelimit-remaining', String(take.remaining));
        res.setHeader('ratelimit-reset', String(take.resetSeconds));
      }
      res.setHeader('age', String(Math.round((Date.now() - answer.storedAt) / 1000)));
      res.statusCode = 200;
      if (request.method === 'GET' && options.etag) {
        appendVary(res, 'accept'); // beside CORS's Origin, spelt as the ETag plugin spells it
        res.setHeader('etag', answer.etag);
        if (matchesIfNoneMatch(req.headers['if-none-match'], answer.etag)) res.statusCode = 304;
      }
      const body = take ? bodyOf(answer, version, take) : (answer.body ??= bodyOf(answer, version));
      if (options.compression) endCompressed(req, res, body, end);
      else end(res, body);
      record(answer, requestId, performance.now() - started);
    };
    const record = (answer: StoredAnswer, requestId: string, ms: number) => {
      const operationName = answer.operationName ?? request.operationName;
      if (options.metrics) {
        recordCacheHit('response');
        const label = operationLabel(operationName);
        graphqlRequests.inc(label);
        graphqlDuration.observe(label, ms / 1e3);
        graphqlStatements.observe(label, 0);
      }
      if (options.log && logger.isLevelEnabled('info'))
        logger.info(
          { requestId, operationName: answer.operationName, ms, sqlStatements: 0, errors: 0 },
          'graphql request',
        );
    };
    if (found instanceof Promise) found.then(withAnswer, () => proceed());
    else withAnswer(found);
  };
}

/** The body Apollo would send: the stored data and the extensions, as JSON and a newline. */
function bodyOf(answer: StoredAnswer, version: number, take?: Take): Buffer {
  const extensions = answer.extensions.length
    ? `,"extensions":${JSON.stringify(extensionsOf(answer, version, take))}`
    : '';
  if (answer.data.length < LARGE_ANSWER)
    return Buffer.from(`{"data":${answer.data}${extensions}}\n`);
  // a long string made afresh for each replay would be flattened on fresh memory each time
  answer.dataBytes ??= Buffer.from(answer.data);
  return Buffer.concat([DATA_OPEN, answer.dataBytes, Buffer.from(`${extensions}}\n`)]);
}

const DATA_OPEN = Buffer.from('{"data":');

/** The extensions the Apollo path gives a hit, in the order the stored answer had them. */
function extensionsOf(
  answer: StoredAnswer,
  version: number,
  take: Take | undefined,
): Record<string, unknown> {
  const extensions: Record<string, unknown> = {};
  for (const name of answer.extensions) {
    if (name === 'sqlStatements') extensions.sqlStatements = 0;
    else if (name === 'graphVersion') extensions.graphVersion = version;
    else if (name === 'cost' && answer.cost)
      extensions.cost = take
        ? {
            ...answer.cost,
            rateLimit: {
              limit: take.limit,
              remaining: take.remaining,
              resetSeconds: take.resetSeconds,
            },
          }
        : { ...answer.cost };
  }
  return extensions;
}
