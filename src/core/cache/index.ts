export { databaseIdentity, databasePrefix, readDatabaseIdentity } from './database-identity';
export { bumpGraphVersion, GraphVersionWatcher, readGraphVersion } from './graph-version';
export { createResponseCache } from './response-cache';
export type { ResponseCache, ResponseCacheOptions } from './response-cache';
