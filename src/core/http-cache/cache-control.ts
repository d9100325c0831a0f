import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { UseMiddleware } from 'type-graphql';
import { partsPlugin, RequestPart } from '../request-parts';
import { answerCacheControl, answerIsShareable } from './static-policy';

/** A cache hint as Apollo's cache-control plugin understands it. */
export interface CacheHintOptions {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

interface InfoWithCacheControl {
  cacheControl?: { setCacheHint(hint: CacheHintOptions): void };
}

/**
 * Apollo's cache-control plugin with our default: every root field is public data, cacheable
 * for `maxAge` seconds unless a resolver says otherwise. A response without errors then carries
 * `Cache-Control: max-age=N, public` (the most restrictive hint of the fields it read); one with
 * errors carries `no-store`. The whole-response cache (src/core/cache) reads the same hints.
 * Two guards: a mutation is never cacheable, and an answer to a request that carries
 * credentials (Authorization) is private, so no shared cache keeps what one caller may see.
 */
export function cacheControlPlugins(
  maxAge: number,
  hintsAtRunTime = dynamicHints,
): ApolloServerPlugin[] {
  const { part, plugin } = cacheControl(maxAge, hintsAtRunTime);
  return [partsPlugin([part]), plugin];
}

/**
 * The same as a part of a combined plugin (src/core/request-parts.ts) and Apollo's plugin, which
 * must come after it: the part's willSendResponse runs first, at once. Apollo's plugin wraps
 * every field resolver of the schema to collect hints, which costs every field of every answer;
 * it is used only when some resolver sets a hint at run time (`hintsAtRunTime`, CacheHint), and
 * otherwise the same policy is decided once per request (staticCacheControl).
 */
export function cacheControl(
  maxAge: number,
  hintsAtRunTime = dynamicHints,
): {
  part: RequestPart<BaseContext>;
  plugin: ApolloServerPlugin;
} {
  if (maxAge === 0)
    return { part: neverCacheable, plugin: ApolloServerPluginCacheControlDisabled() };
  if (!hintsAtRunTime)
    return { part: staticCacheControl(maxAge), plugin: ApolloServerPluginCacheControlDisabled() };
  return {
    part: cacheControlGuard,
    plugin: ApolloServerPluginCacheControl({ defaultMaxAge: maxAge }),
  };
}

const cacheControlGuard: RequestPart<BaseContext> = {
  didResolveOperation({ operation, document, request, overallCachePolicy }) {
    if (
      operation?.operation !== 'query' ||
      !answerIsShareable(operation, document, request.variables)
    )
      overallCachePolicy.restrict({ maxAge: 0 });
  },
  // after the fields' hints are in (restricting earlier would make Apollo ignore them),
  // and before the cache-control plugin writes the header: this part comes first
  willSendResponse({ overallCachePolicy, request }) {
    if (request.http?.headers.get('authorization'))
      overallCachePolicy.restrict({ scope: 'PRIVATE' });
  },
};

/** Whether any resolver sets a hint at run time (CacheHint): then Apollo's plugin collects them. */
let dynamicHints = false;

/**
 * A type-graphql cache hint on a query or field resolver, such as `@CacheHint({ maxAge: 0 })`
 * for something that must not be cached, or `{ scope: 'PRIVATE' }` for per-user data. Set at
 * run time, so the schema's SDL does not change.
 */
export function CacheHint(hint: CacheHintOptions): MethodDecorator & PropertyDecorator {
  dynamicHints = true;
  return UseMiddleware(({ info }, next) => {
    (info as unknown as InfoWithCacheControl).cacheControl?.setCacheHint(hint);
    return next();
  });
}

/**
 * With caching off (HTTP_CACHE_MAX_AGE=0) no answer is cacheable whatever the hints say, so
 * Apollo's plugin, which wraps every field resolver to collect them, is left out and the header
 * it would have written is set here once per response.
 */
const neverCacheable: RequestPart<BaseContext> = {
  willSendResponse({ response }) {
    response.http.headers.set('cache-control', 'no-store');
  },
};

/**
 * What Apollo's plugin would decide, without wrapping every field resolver to learn it. With no
 * hint anywhere (no `@cacheControl` in the schema, no CacheHint), every field Apollo's plugin sees
 * resolved is given `maxAge`, so a query's policy is `maxAge` as soon as one root field of the
 * schema runs (introspection and `__typename` alone leave it uncacheable), which the operation
 * and its variables say before execution. Answers with errors get `no-store` either way.
 */
function staticCacheControl(maxAge: number): RequestPart<BaseContext> {
  return {
    didResolveOperation({ operation, document, request, overallCachePolicy }) {
      if (operation?.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
      else if (answerIsShareable(operation, document, request.variables))
        overallCachePolicy.restrict({ maxAge });
    },
    willSendResponse({ overallCachePolicy, request, response }) {
      if (request.http?.headers.get('authorization'))
        overallCachePolicy.restrict({ scope: 'PRIVATE' });
      answerCacheControl(response, overallCachePolicy);
    },
  };
}
