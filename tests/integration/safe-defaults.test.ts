import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEEDS_DIR } from '../support/server';
import { copySqliteTemplate } from '../support/templates';

const ROOT = join(__dirname, '..', '..');
// src/main.ts as `npm start` runs it once built: transpiled on load as the build emits it, without
// the build's type check (CI's `npm run typecheck` and `npm run build` do that)
const MAIN = ['-r', join(ROOT, 'tests', 'helpers', 'ts-register.js'), join(ROOT, 'src', 'main.ts')];

interface Started {
  child: ChildProcess;
  url: string;
}

/**
 * A SQLite file for one server: a copy of the run's seeded template when there is one (the
 * errors under test do not depend on who seeded it), else a new file the server seeds.
 */
function databaseFile(dir: string, name: string): string {
  const path = join(dir, `${name}.sqlite`);
  copySqliteTemplate('seeded', path);
  return path;
}

/** The server as `npm start` runs it: no NODE_ENV, only what `env` adds. */
function start(dir: string, env: Record<string, string>): Promise<Started> {
  const database = databaseFile(dir, `safe_${Object.keys(env).length}`);
  const child = spawn(process.execPath, MAIN, {
    cwd: ROOT,
    // not process.env: jest sets NODE_ENV=test, and the point is a server started with nothing set
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: `sqlite:${database}`,
      SEEDS_DIR,
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /"port":(\d+)[^\n]*careergraph listening/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}` });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

const badQuery = async (server: Started) => {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ role(slug: "backend-developer") { nope } }' }),
  });
  return { status: res.status, text: await res.text() };
};

describe('Errors after `npm start` with nothing configured', () => {
  let dir: string;
  const servers: Started[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'careergraph-safe-'));
  });

  afterAll(() => {
    for (const s of servers) s.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('should answer a bad query without a stack trace or a server path', async () => {
    const server = await start(dir, {});
    servers.push(server);
    const { status, text } = await badQuery(server);
    expect(status).toBe(400);
    expect(JSON.parse(text).errors[0]).toEqual({
      message: 'Cannot query field "nope" on type "Role". Did you mean "name"?',
      locations: [{ line: 1, column: 37 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(text).not.toMatch(/stacktrace/);
    expect(text).not.toContain(ROOT);
  }, 90_000);

  it('should show stack traces with EXPOSE_STACK_TRACES=true, for local debugging', async () => {
    const server = await start(dir, { EXPOSE_STACK_TRACES: 'true' });
    servers.push(server);
    const { text } = await badQuery(server);
    expect(JSON.parse(text).errors[0].extensions.stacktrace.join('\n')).toContain(ROOT);
  }, 90_000);
});
