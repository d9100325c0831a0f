import { ApolloServerPlugin } from '@apollo/server';
import { graphVersionWatcherOf } from '../../core/cache/graph-version';
import { Context } from '../../core/context';
import { partsPlugin, RequestPart } from '../../core/request-parts';

/**
 * Puts the graph version a response was read at in `extensions.graphVersion`, so an integrator
 * knows what to ask `changes(after:)` for next. The version is fixed before the operation runs
 * (this process's watcher's, no SQL), so the answer holds every change up to it; a mutation's
 * answer gives the version after its write. With no watcher running (some tests) it is read from
 * the database after the operation, unless the operation fixed it already.
 */
export const graphVersionPart: RequestPart<Context> = {
  executionDidStart({ contextValue }) {
    if (graphVersionWatcherOf(contextValue.db)) void contextValue.loaders.graphVersion();
  },
  willSendResponse({ response, contextValue }) {
    if (response.body.kind !== 'single') return;
    const result = response.body.singleResult;
    // known at once with a watcher running (nearly always): no promise to wait for
    const now = contextValue.loaders.graphVersionNow();
    if (now !== undefined) return setVersion(result, now);
    return contextValue.loaders.graphVersion().then(
      (version) => setVersion(result, version),
      () => undefined,
    );
  },
};

function setVersion(result: { extensions?: Record<string, unknown> }, version: number): void {
  if (version == null) return;
  if (result.extensions) result.extensions.graphVersion = version;
  else result.extensions = { graphVersion: version };
}

export function graphVersionPlugin(): ApolloServerPlugin<Context> {
  return partsPlugin([graphVersionPart]);
}
