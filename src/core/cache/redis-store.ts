import KeyvRedis, { createClient, defaultReconnectStrategy } from '@keyv/redis';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import Keyv from 'keyv';
import { RedisSettings } from '../config';
import { Logger } from '../logger';

/** The key-value cache Apollo's response cache plugin stores entries in. */
export interface ResponseStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/** How long a cache read may take before the request goes on without it. */
const READ_TIMEOUT_MS = 250;
/**
 * Writes waiting on Redis at most; more are dropped. Writes are not awaited by requests, so
 * while Redis stalls they would otherwise queue in the client, each holding a whole response.
 */
const MAX_PENDING_WRITES = 64;

/**
 * Response cache entries in Redis, shared by every replica, under `<prefix>response::` (the
 * caller's prefix names the database: `<REDIS_PREFIX><identity>:`). Redis is
 * an optimisation here: while it is unreachable reads miss at once and writes are dropped, so
 * requests are answered from the database, and the client reconnects in the background.
 */
export function redisResponseStore(
  settings: RedisSettings,
  logger: Logger,
): ResponseStore & { close(): Promise<void> } {
  const client = createClient({
    url: settings.url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: defaultReconnectStrategy, connectTimeout: 5000 },
  });
  // each change said once: on the connection's events, and on reads that time out or answer
  // again (a stalled Redis or a network blackhole never drops the connection)
  let healthy = true;
  const unhealthy = (reason: string) => {
    if (healthy)
      logger.warn({ err: reason }, 'redis unreachable: responses are not cached until it is back');
    healthy = false;
  };
  const healthyAgain = () => {
    if (!healthy) logger.info('redis reachable again: caching responses');
    healthy = true;
  };
  client.on('error', (err: Error) => unhealthy(err.message));
  client.on('ready', healthyAgain);
  let pendingWrites = 0;
  client.connect().catch(() => undefined); // reported through 'error'; retried by the strategy
  const namespace = `${settings.prefix}response`;
  const keyv = new Keyv({
    store: new KeyvRedis(client, { namespace, throwOnConnectError: false }),
    namespace,
    useKeyPrefix: false,
  });
  // Keyv answers a failed read with undefined and an 'error' event: counted, so such a read is not taken for an answer
  let keyvErrors = 0;
  keyv.on('error', (err: Error) => {
    keyvErrors += 1;
    unhealthy(err?.message ?? String(err));
  });
  const adapter = new KeyvAdapter<string>(keyv as never);

  return {
    async get(key) {
      if (!client.isReady) return undefined;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), READ_TIMEOUT_MS);
      });
      const errorsBefore = keyvErrors;
      const read = adapter.get(key).then(
        (value) => {
          if (keyvErrors === errorsBefore) healthyAgain();
          return value;
        },
        (err: Error) => {
          unhealthy(err.message);
          return undefined;
        },
      );
      try {
        return await Promise.race([
          read,
          timeout.then(() => (unhealthy(`no answer in ${READ_TIMEOUT_MS} ms`), undefined)),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    async set(key, value, options) {
      if (!client.isReady || pendingWrites >= MAX_PENDING_WRITES) return;
      pendingWrites += 1;
      try {
        await adapter.set(key, value, options ?? undefined).catch(() => undefined);
      } finally {
        pendingWrites -= 1;
      }
    },
    async delete(key) {
      if (!client.isReady) return false;
      return adapter.delete(key).catch(() => false);
    },
    async close() {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy(); // still trying to connect: stop trying
    },
  };
}
