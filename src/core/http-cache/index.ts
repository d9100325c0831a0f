export { CacheHint, cacheControl, cacheControlPlugins } from './cache-control';
export type { CacheHintOptions } from './cache-control';
export { compressResponses } from './compression';
export { etagOf, etagPart, etagPlugin, matchesIfNoneMatch } from './etag.plugin';
export { answeredPerCaller } from './static-policy';
