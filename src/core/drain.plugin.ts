import http from 'node:http';
import { ApolloServerPlugin } from '@apollo/server';

/**
 * Drains the HTTP server when Apollo stops (SIGTERM): the listener closes, so new connections
 * are refused; idle keep-alive connections are destroyed, so they read no further request; and
 * every response still to be sent says `Connection: close`, so its client sends nothing more on
 * that connection. Every request the server has read is answered before the drain completes.
 *
 * Apollo's own drain plugin ends idle sockets instead (a half-close that still reads): a request
 * arriving on one in that moment is executed but its answer is lost, which the SIGTERM load test
 * (tests/drain) caught. After `graceMs`, connections still open are destroyed.
 */
export function drainPlugin(server: http.Server, graceMs = 10_000): ApolloServerPlugin {
  let draining = false;
  const pending = new Set<http.ServerResponse>();
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (draining) res.setHeader('connection', 'close');
    pending.add(res);
    res.once('close', () => pending.delete(res));
  });
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          draining = true;
          for (const res of pending) if (!res.headersSent) res.setHeader('connection', 'close');
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          let timer: NodeJS.Timeout | undefined;
          const grace = new Promise<void>((resolve) => {
            timer = setTimeout(() => {
              server.closeAllConnections();
              resolve();
            }, graceMs);
          });
          await Promise.race([closed, grace]);
          clearTimeout(timer);
        },
      };
    },
  };
}
