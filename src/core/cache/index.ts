export { bumpGraphVersion, GraphVersionWatcher, readGraphVersion } from './graph-version';
export { createResponseCache } from './response-cache';
export type { ResponseCache, ResponseCacheOptions } from './response-cache';
