import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpawnedServer } from '../support/spawned-server';

/**
 * Connections a stranger can hold open for free: many idle ones, headers sent a byte at a time,
 * a body that never ends, a kept-alive connection left idle. The server caps the first and
 * closes the others after the configured time (small here, so the test is quick).
 */
const MAX_CONNECTIONS = 20;
const HEADERS_S = 2;
const REQUEST_S = 3;
const KEEP_ALIVE_S = 1;

/** Opens a connection, sends `payload`, and reports when and how the server ended it. */
function hold(
  port: number,
  payload: string,
  giveUpMs = 20_000,
): Promise<{ seconds: number; answer: string; socket: net.Socket }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(payload));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => socket.destroy(), giveUpMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ seconds: (Date.now() - started) / 1000, answer: answer.split('\r\n')[0], socket });
    });
  });
}

describe('Connections held open', () => {
  let dir: string;
  let server: SpawnedServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-connections-'));
    server = await SpawnedServer.start({
      DATABASE_URL: `sqlite:${join(dir, 'connections.sqlite')}`,
      HTTP_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
      HTTP_HEADERS_TIMEOUT_SECONDS: String(HEADERS_S),
      HTTP_REQUEST_TIMEOUT_SECONDS: String(REQUEST_S),
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: String(KEEP_ALIVE_S),
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should close connections past HTTP_MAX_CONNECTIONS at once, and serve again when they go', async () => {
    const idle: net.Socket[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i += 1) {
      idle.push(
        await new Promise<net.Socket>((resolve) => {
          const socket = net.connect(server.port, '127.0.0.1', () => resolve(socket));
          socket.on('error', () => undefined);
        }),
      );
    }
    const extra = await hold(
      server.port,
      'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(extra.answer).toBe(''); // closed with no answer
    for (const socket of idle) socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(200);
  });

  it('should end connections whose headers, body or next request do not come in time', async () => {
    const [headers, body, keepAlive] = await Promise.all([
      hold(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n'),
      hold(
        server.port,
        'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":',
      ),
      hold(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'),
    ]);
    console.log(
      `connections (headers ${HEADERS_S} s, request ${REQUEST_S} s, keep-alive ${KEEP_ALIVE_S} s): half headers held ${headers.seconds} s (${headers.answer || 'no answer'}), ` +
        `half a body ${body.seconds} s (${body.answer || 'no answer'}), idle keep-alive ${keepAlive.seconds} s (${keepAlive.answer})`,
    );
    // node:http checks the timeouts every second: each ends within its time and a second or two more
    expect(headers.seconds).toBeLessThan(HEADERS_S + 3);
    expect(headers.answer).toMatch(/^HTTP\/1.1 408/);
    expect(body.seconds).toBeLessThan(REQUEST_S + 3);
    expect(keepAlive.answer).toMatch(/^HTTP\/1.1 200/);
    expect(keepAlive.seconds).toBeLessThan(KEEP_ALIVE_S + 3);
    expect(server.alive).toBe(true);
  });
});
