export { metricsPlugin, operationLabel } from './metrics.plugin';
export { metricsHandler } from './metrics.route';
export {
  recordCacheHit,
  recordCacheMiss,
  recordError,
  recordRateLimitRefusal,
  registry,
  trackInFlight,
} from './registry';
export type { Tracing } from './tracing';
