import net from 'node:net';

/**
 * A TCP proxy on loopback in front of a real service (Redis, PostgreSQL), so a test can take the
 * service away from the server under test without touching the service itself: `stop` closes
 * the port and cuts every connection (the service looks down), `start` opens the same port again.
 */
export class PausableProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private blackholed = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  static async open(target: { host: string; port: number }): Promise<PausableProxy> {
    const proxy = new PausableProxy(target);
    await proxy.start();
    return proxy;
  }

  /** Listens (again, on the same port once one was chosen) and relays every connection to the target. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
        if (this.blackholed) socket.pause();
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Refuses new connections and cuts the open ones. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * A network blackhole: connections stay open and accepted, but nothing is delivered either way
   * until `deliver` (what was sent meanwhile is held, then delivered in order).
   */
  blackhole(): void {
    this.blackholed = true;
    for (const socket of this.sockets) socket.pause();
  }

  deliver(): void {
    this.blackholed = false;
    for (const socket of this.sockets) socket.resume();
  }

  /** `url` (redis://host:port/..., postgres://...) pointed at this proxy instead. */
  urlFor(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }
}
