import { createHash } from 'node:crypto';
import { ApolloServerPlugin } from '@apollo/server';

/** A weak validator of a result's data: equal data, equal tag. */
export function etagOf(data: unknown): string {
  return `W/"${createHash('sha256').update(JSON.stringify(data ?? null)).digest('base64url').slice(0, 32)}"`;
}

/** Whether an If-None-Match header names `tag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesIfNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => bare(t) === bare(tag));
}

/**
 * ETags and 304s for GET queries. The tag is computed from the result's `data` (a weak tag: the
 * body also carries per-request diagnostics such as `extensions.sqlStatements`, and may be
 * compressed); a request whose If-None-Match names it gets 304 with no body. Results with errors
 * get no tag. `Vary: Accept` because GET /graphql also serves the playground to browsers.
 */
export function etagPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      if (request.http?.method !== 'GET') return;
      return {
        async willSendResponse({ response, request: req }) {
          response.http.headers.set('vary', 'accept');
          if (response.body.kind !== 'single' || response.body.singleResult.errors?.length) return;
          const tag = etagOf(response.body.singleResult.data);
          response.http.headers.set('etag', tag);
          if (matchesIfNoneMatch(req.http?.headers.get('if-none-match'), tag)) response.http.status = 304;
        },
      };
    },
  };
}
