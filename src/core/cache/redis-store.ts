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
 * Response cache entries in Redis, shared by every replica, under `<prefix>response::` (the
 * caller's prefix names the database: `<REDIS_PREFIX><identity>:`). Redis is
 * an optimisation here: while it is unreachable reads miss at once and writes are dropped, so
 * requests are answered from the database, and the client reconnects in the background.
 */
export function redisResponseStore(settings: RedisSettings, logger: Logger): ResponseStore & { close(): Promise<void> } {
  const client = createClient({
    url: settings.url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: defaultReconnectStrategy, connectTimeout: 5000 },
  });
  let healthy = true;
  client.on('error', (err: Error) => {
    if (healthy) logger.warn({ err: err.message }, 'redis unreachable: responses are not cached until it is back');
    healthy = false;
  });
  client.on('ready', () => {
    if (!healthy) logger.info('redis reachable again: caching responses');
    healthy = true;
  });
  client.connect().catch(() => undefined); // reported through 'error'; retried by the strategy
  const namespace = `${settings.prefix}response`;
  const keyv = new Keyv({ store: new KeyvRedis(client, { namespace, throwOnConnectError: false }), namespace, useKeyPrefix: false });
  keyv.on('error', () => undefined); // the client's own 'error' handler reports it
  const adapter = new KeyvAdapter<string>(keyv as never);

  return {
    async get(key) {
      if (!client.isReady) return undefined;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), READ_TIMEOUT_MS);
      });
      try {
        return await Promise.race([adapter.get(key).catch(() => undefined), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async set(key, value, options) {
      if (!client.isReady) return;
      await adapter.set(key, value, options ?? undefined).catch(() => undefined);
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
