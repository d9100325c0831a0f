import { randomUUID } from 'node:crypto';
import { ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, HTTPGraphQLResponse } from '@apollo/server';
import { Context } from '../context';
import { ErrorCode } from '../errors';
import { Logger } from '../logger';
import { recordError, trackInFlight } from '../metrics';
import { StatementCount } from '../query-counter';
import { withRequestScope } from '../request-scope';
import { Deadline } from '../writes';
import { DeadlineEntry, DeadlineQueue } from './deadline-queue';
import { AnswerBody } from './answer-body';
import { EndResponse, endNow } from './end-together';
import { bodyRefusal, jsonBody } from './json-body';
import { appendVary, endCompressed, NodeHandler, NodeRequest, sendJson } from './node-http';

export interface GraphqlRouteOptions {
  apollo: ApolloServer<Context>;
  logger: Logger;
  /** REQUEST_DEADLINE_MS; 0: none. */
  deadlineMs: number;
  /** CORS, first: a preflight is answered there. */
  cors?: NodeHandler;
  /** After the JSON body is read, before Apollo (src/core/limits). */
  afterBody: NodeHandler[];
  /** The request's context; `sql` counts its statements, `deadline` bounds its writes. */
  context: (
    req: NodeRequest,
    requestId: string,
    sql: StatementCount,
    deadline: Deadline | undefined,
    answerBody: AnswerBody | undefined,
  ) => Promise<Context>;
  /**
   * Run all of Apollo in the request's scope (src/core/request-scope.ts), for an Apollo that
   * executes operations itself (GRAPHQL_EXECUTOR=graphql-js); the compiled executor enters the
   * scope around execution alone, which costs a request far less.
   */
  scopeAroundApollo?: boolean;
  /**
   * Once the body is read and checked: answers (the response cache's replay) and calls
   * `answered`, or hands on to Apollo with `proceed`.
   */
  beforeApollo?: (
    req: NodeRequest,
    res: ServerResponse,
    requestId: string,
    proceed: () => void,
    answered: () => void,
  ) => void;
  /** Ends an answer with its body: at once (the default) or with the turn (end-together.ts). */
  endResponse?: EndResponse;
  /** Per-request steps the benchmark's per-layer profile turns off (src/core/layers.ts). */
  without?: { requestId?: boolean; compression?: boolean };
}

/**
 * The answer to a request that failed before Apollo (a body too large, not JSON, in a charset or
 * content encoding not supported, or a fault): the same on this route and on Express's, logged
 * and counted once. The status is the error's (body-parser's); the code and message say why.
 */
export function failedRequestAnswer(
  err: unknown,
  requestId: string | undefined,
  logger: Logger,
): {
  status: number;
  body: { errors: { message: string; extensions: Record<string, unknown> }[] };
} {
  const status = (err as { status?: number }).status ?? 500;
  const { code, message } =
    status === 413
      ? { code: ErrorCode.PAYLOAD_TOO_LARGE, message: 'Request body is larger than 1 MB' }
      : status < 500
        ? bodyRefusal(err)
        : { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error' };
  if (status >= 500) logger.error({ err, requestId }, 'request failed');
  recordError(code);
  const extensions = { code, ...(status >= 500 && requestId ? { requestId } : {}) };
  return { status, body: { errors: [{ message, extensions }] } };
}

/** Every method /graphql answers, as the Allow header of a 405 names them. */
export const ALLOWED_METHODS = 'GET, HEAD, POST, OPTIONS';

/**
 * HEAD is GET without the body (RFC 9110, 9.3.2): the request goes on as a GET, so that every
 * check, the response cache and Apollo treat it as one, and gets the same status and headers.
 * node:http leaves the body out by itself (it decided so from the method it read, when it made
 * `res`), but then sends no Content-Length: it is set here from the body GET would send.
 */
function headAsGet(req: NodeRequest, res: ServerResponse): void {
  req.method = 'GET';
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const body = args[0];
    // a 304 has no body to measure (its Content-Length could only be the 200's, left out)
    if (
      !res.headersSent &&
      res.statusCode !== 304 &&
      (typeof body === 'string' || Buffer.isBuffer(body))
    )
      res.setHeader('content-length', Buffer.byteLength(body));
    return end(...args);
  }) as ServerResponse['end'];
}

/**
 * POST and GET (and HEAD, as GET) /graphql on node:http's own request and response: CORS, a
 * request id, a SQL statement counter and the request deadline (handed to the context; execution
 * runs in their scope, src/core/compiled-executor.ts), the JSON body (at most 1 MB), the
 * transport checks, then Apollo; the answer is compressed when asked for and big enough. Express served
 * this before; what it added per request (its router, its request and response methods, a
 * streaming compressor and an ETag over every body) cost more than Apollo itself.
 */
export function graphqlRoute(
  options: GraphqlRouteOptions,
): (req: NodeRequest, res: ServerResponse) => void {
  const { apollo, logger, deadlineMs, cors, context, beforeApollo } = options;
  const without = options.without ?? {};
  const end = options.endResponse ?? endNow;
  const steps: NodeHandler[] = [jsonBody(1024 * 1024), ...options.afterBody];
  const debug = logger.isLevelEnabled('debug');
  const deadlines =
    deadlineMs > 0
      ? new DeadlineQueue(({ res, deadline, requestId }) => {
          if (!deadline.expire()) return; // a COMMIT was sent: the request's own answer says what happened
          logger.warn({ requestId, ms: deadlineMs }, 'request deadline passed');
          recordError(ErrorCode.SERVICE_UNAVAILABLE);
          sendJson(res, 503, {
            errors: [
              {
                message: `The request did not finish within ${deadlineMs} ms (REQUEST_DEADLINE_MS); nothing was written, try again later`,
                extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason: 'deadline', requestId },
              },
            ],
          });
        })
      : undefined;

  if (deadlines) trackInFlight(deadlines);

  const settle = (entry: DeadlineEntry | undefined) => {
    if (entry) deadlines!.settle(entry);
  };

  const fail = (
    res: ServerResponse,
    requestId: string | undefined,
    err: unknown,
    entry?: DeadlineEntry,
  ) => {
    settle(entry);
    if (res.headersSent) return; // answered already (the request deadline), and the late answer failed
    const { status, body } = failedRequestAnswer(err, requestId, logger);
    sendJson(res, status, body);
  };

  const respond = (
    req: NodeRequest,
    res: ServerResponse,
    answer: HTTPGraphQLResponse,
    entry: DeadlineEntry | undefined,
    answerBody: AnswerBody | undefined,
  ) => {
    settle(entry);
    if (res.headersSent) return; // the deadline answered first
    for (const [key, value] of answer.headers) {
      // added to, not replaced: CORS has named Origin already
      if (key === 'vary') for (const field of value.split(',')) appendVary(res, field.trim());
      // Apollo's 405 to another method names GET and POST; HEAD (as GET) and OPTIONS work too
      else if (key === 'allow' && value === 'GET, POST') res.setHeader(key, ALLOWED_METHODS);
      else res.setHeader(key, value);
    }
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      // a large answer made into bytes in pieces (answer-body.ts); Apollo's string is then empty
      const body = answerBody?.bytes ?? answer.body.string;
      if (without.compression) end(res, body);
      else endCompressed(req, res, body, end);
      return;
    }
    void (async () => {
      for await (const chunk of (answer.body as { asyncIterator: AsyncIterableIterator<string> })
        .asyncIterator)
        res.write(chunk);
      res.end();
    })().catch((err) => res.destroy(err));
  };

  const execute = (
    req: NodeRequest,
    res: ServerResponse,
    requestId: string,
    sql: StatementCount,
    deadline: Deadline | undefined,
    entry: DeadlineEntry | undefined,
  ) => {
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.originalUrl ?? req.url ?? '';
    const query = url.indexOf('?');
    // a batch's answers are joined by Apollo from their strings: only a single operation's
    // answer may come as bytes
    const answerBody: AnswerBody | undefined = Array.isArray(req.body) ? undefined : {};
    return apollo
      .executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method!.toUpperCase(),
          headers,
          search: query < 0 ? '' : url.slice(query),
          body: req.body,
        },
        context: () => context(req, requestId, sql, deadline, answerBody),
      })
      .then(
        (answer) => respond(req, res, answer, entry, answerBody),
        (err) => fail(res, requestId, err, entry),
      );
  };

  const run = (req: NodeRequest, res: ServerResponse, requestId: string, sql: StatementCount) => {
    const deadline = deadlines ? new Deadline(Date.now() + deadlineMs) : undefined;
    const entry = deadlines?.add(res, deadline!, requestId);
    let i = 0;
    const next = (err?: unknown) => {
      if (err) return fail(res, requestId, err, entry);
      if (res.headersSent || res.writableEnded) return settle(entry);
      const step = steps[i++];
      if (!step) {
        // the promise answers the request itself (respond or fail); the scope lasts until then
        const toApollo = () =>
          void (options.scopeAroundApollo
            ? withRequestScope({ sql, deadline }, () =>
                execute(req, res, requestId, sql, deadline, entry),
              )
            : execute(req, res, requestId, sql, deadline, entry));
        if (!beforeApollo) return toApollo();
        // a replayed answer takes its request out of the deadline queue as Apollo's does
        return beforeApollo(req, res, requestId, toApollo, () => settle(entry));
      }
      try {
        step(req, res, next);
        // a check that answered at once (a refusal) is seen here; one answering later is not
        if (res.headersSent) settle(entry);
      } catch (thrown) {
        fail(res, requestId, thrown, entry);
      }
    };
    next();
  };

  const start = (req: NodeRequest, res: ServerResponse) => {
    const header = req.headers['x-request-id'];
    const requestId = without.requestId ? '' : String(header ?? randomUUID()).slice(0, 100);
    if (!without.requestId) res.setHeader('x-request-id', requestId);
    const sql: StatementCount = { statements: 0 };
    // With the per-request line at the end, shows which requests a shutdown had in flight.
    if (debug) logger.debug({ requestId, method: req.method }, 'request received');
    run(req, res, requestId, sql);
  };

  return (req, res) => {
    if (req.method === 'HEAD') headAsGet(req, res);
    if (!cors) return start(req, res);
    cors(req, res, () => start(req, res));
  };
}
