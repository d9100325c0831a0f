import net from 'node:net';

/**
 * A TCP proxy on loopback in front of a real server (PostgreSQL), that a test can turn into a
 * blackhole (connections stay open, nothing passes either way, as behind a dead network path)
 * or take down (every connection reset, new ones refused), and mend again. The real server is
 * never touched.
 */
export class TcpProxy {
  private readonly server: net.Server;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private mode: 'open' | 'blackhole' | 'down' = 'open';

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  private accept(client: net.Socket): void {
    if (this.mode === 'down') {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.target);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
    if (this.mode === 'blackhole') this.hold(pair);
  }

  private hold([client, upstream]: [net.Socket, net.Socket]): void {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  }

  /** Nothing passes; connections stay open and new ones are accepted, then held too. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const pair of this.pairs) this.hold(pair);
  }

  /** Every connection reset; new ones refused. */
  down(): void {
    this.mode = 'down';
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Traffic flows again (held data is delivered, as TCP would after a partition heals). */
  open(): void {
    const was = this.mode;
    this.mode = 'open';
    if (was !== 'blackhole') return;
    for (const [client, upstream] of this.pairs) {
      client.pipe(upstream);
      upstream.pipe(client);
    }
  }

  async close(): Promise<void> {
    this.down();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
