import { createHash } from 'node:crypto';
import { ApolloServerPlugin } from '@apollo/server';
import { databaseIdentity } from '../cache/database-identity';
import type { Context } from '../context';
import { partsPlugin, RequestPart } from '../request-parts';

/** Where a result was read: the database's identity and the graph version the request read. */
export interface EtagScope {
  database: string;
  graphVersion: number;
}

/**
 * A weak validator of a result's data as read from one database at one graph version: equal
 * data of the same database and version, equal tag. The scope keeps a tag of one database (or of
 * an older graph) from ever validating a cached copy of another's.
 */
export function etagOf(data: unknown, scope: EtagScope): string {
  return etagOfJson(JSON.stringify(data ?? null), scope);
}

/** The same from the data's JSON, as the response cache keeps it. */
export function etagOfJson(json: string, scope: EtagScope): string {
  const hash = createHash('sha256')
    .update(`${scope.database}:${scope.graphVersion}:`)
    .update(json)
    .digest('base64url');
  return `W/"${hash.slice(0, 32)}"`;
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
 * compressed), the database's identity and the request's graph version; a request whose
 * If-None-Match names it gets 304 with no body. Results with errors get no tag. `Vary: Accept`
 * because GET /graphql also serves the playground to browsers. A part of the combined plugin
 * (src/core/request-parts.ts), after those that finish the answer.
 */
export const etagPart: RequestPart<Context> = {
  // POST answers get no tag: nothing to wait for, no promise
  willSendResponse({ request, response, contextValue }) {
    if (request.http?.method !== 'GET') return;
    response.http.headers.set('vary', 'accept');
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    if (!result || result.errors?.length) return;
    return (async () => {
      const scope = {
        database: await databaseIdentity(contextValue.db),
        graphVersion: await contextValue.loaders.graphVersion(),
      };
      const tag = etagOf(result.data, scope);
      response.http.headers.set('etag', tag);
      if (matchesIfNoneMatch(request.http?.headers.get('if-none-match'), tag))
        response.http.status = 304;
    })();
  },
};

/** The same as a plugin of its own. */
export function etagPlugin(): ApolloServerPlugin<Context> {
  return partsPlugin([etagPart]);
}
