import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built server (`npm run test:faults` and `npm run test:drain` build it first). */
export const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'main.js');

export interface LogLine {
  msg: string;
  level?: number;
  [field: string]: unknown;
}

export interface GraphQLReply {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * `node dist/main.js` in a child process, as it is deployed: its JSON log lines are collected,
 * and it is stopped by its own pid only.
 */
export class SpawnedServer {
  readonly logs: LogLine[] = [];
  readonly exited: Promise<number | null>;
  port = 0;

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    let buffered = '';
    child.stdout?.on('data', (chunk) => {
      buffered += String(chunk);
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const text of lines) {
        try {
          this.logs.push(JSON.parse(text));
        } catch {
          // not a log line
        }
      }
    });
  }

  /**
   * Starts the server with `env` over the test defaults; resolves once it listens. On a free
   * port, read from its "listening" log line; with a fixed PORT (LOG_LEVEL above info logs no
   * such line), once /healthz answers there.
   */
  static async start(
    env: Record<string, string>,
    options: { nodeArgs?: string[]; startMs?: number } = {},
  ): Promise<SpawnedServer> {
    if (!existsSync(MAIN))
      throw new Error('dist/main.js is missing: run `npm run build` (npm run test:faults does)');
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        REDIS_URL: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const server = new SpawnedServer(child);
    const fixed = Number(env.PORT ?? 0);
    const listening = fixed
      ? server.waitForHealth(fixed, options.startMs ?? 60_000)
      : server
          .waitForLog((l) => l.msg.includes('listening'), options.startMs ?? 60_000)
          .then((l) => l.port as number);
    server.port = await Promise.race([
      listening,
      server.exited.then((code) => {
        throw new Error(`the server exited with ${code} before listening`);
      }),
    ]);
    return server;
  }

  private async waitForHealth(port: number, ms: number): Promise<number> {
    const until = Date.now() + ms;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return port;
      if (Date.now() > until || !this.alive)
        throw new Error(`the server did not answer /healthz on port ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The first log line `match` accepts, waiting up to `ms` for it. */
  async waitForLog(match: (line: LogLine) => boolean, ms = 10_000): Promise<LogLine> {
    const until = Date.now() + ms;
    for (;;) {
      const found = this.logs.find(match);
      if (found) return found;
      if (Date.now() > until)
        throw new Error(
          `timed out waiting for a log line; last lines: ${JSON.stringify(this.logs.slice(-5))}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** POSTs one operation; `headers` are added (an Authorization, say). */
  async post(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
    operationName?: string,
  ): Promise<GraphQLReply> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        query,
        variables,
        ...(operationName !== undefined ? { operationName } : {}),
      }),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: res.status, headers: res.headers, body };
  }

  /** SIGTERM, then SIGKILL if it has not exited within `ms`. */
  async stop(ms = 10_000): Promise<number | null> {
    if (!this.alive) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), ms);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
