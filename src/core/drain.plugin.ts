import http from 'node:http';
import { Socket } from 'node:net';
import { ApolloServerPlugin } from '@apollo/server';

const LATEST = Symbol('latest response');
type Connection = Socket & { [LATEST]?: http.ServerResponse };

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
  // Connections, not requests: a keep-alive connection carries many requests, and a Set entry and
  // a `close` listener per request cost every request. Each connection holds its latest
  // response, the one a drain may still have to mark; an idle connection keeps its last one
  // (and that request's body) until its next request or its close, at most keepAliveTimeoutMs,
  // as many as HTTP_MAX_CONNECTIONS: what that many requests in flight hold anyway.
  const connections = new Set<Connection>();
  server.on('connection', (socket: Connection) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (draining) res.setHeader('connection', 'close');
    (req.socket as Connection)[LATEST] = res;
  });
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          draining = true;
          for (const socket of connections) {
            const res = socket[LATEST];
            if (res && !res.headersSent && !res.writableEnded) res.setHeader('connection', 'close');
          }
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
