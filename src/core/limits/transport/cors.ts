import { appendVary, NodeHandler } from '../../http/node-http';

/** Headers a browser client may send: JSON, the API key, Apollo's CSRF preflight headers, tracing. */
const ALLOWED_HEADERS =
  'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id';
/** Headers a browser client may read: the budget left and the request id to quote. */
const EXPOSED_HEADERS =
  'ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after, x-request-id';

/**
 * CORS for /graphql. `[]`: no cross-origin access (the default: servers and same-origin pages
 * only); `['*']`: any origin, which is safe here because credentials are bearer keys a page must
 * send on purpose, never cookies a browser adds by itself; otherwise the exact origins listed.
 * Preflights from other origins get 204 without CORS headers, which browsers treat as a refusal.
 */
export function cors(origins: string[]): NodeHandler {
  const anyone = origins.includes('*');
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && (anyone || allowed.has(origin.toLowerCase()))) {
      res.setHeader('access-control-allow-origin', anyone ? '*' : origin);
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    if (!anyone) appendVary(res, 'Origin');
    if (req.method !== 'OPTIONS') return next();
    if (res.hasHeader('access-control-allow-origin')) {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader('access-control-allow-headers', ALLOWED_HEADERS);
      res.setHeader('access-control-max-age', '600');
    }
    res.statusCode = 204;
    res.end();
  };
}
