/**
 * The server under test: the built production server (`dist/main.js`) as a child process, on a
 * loopback port, with its memory read from /proc.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Layers off in every cache-off server: search's kept answers (src/modules/search/search.service.ts)
 * answer a repeated query from memory, a response cache by another name, so with them on the
 * cache-off `search` figure would measure the memo, not the search.
 */
export const CACHE_OFF_LAYERS = ['search-answers'];

/** A BENCH_LAYERS_OFF value: these layers and those of the cache-off servers, once each. */
export const layersOff = (...names) =>
  [...new Set([...names.flatMap((n) => n.split(',')), ...CACHE_OFF_LAYERS])]
    .filter(Boolean)
    .join(',');

/**
 * Server environment of each cache mode. `off` sets the default cache-control max-age to 0, so
 * Apollo's response cache (which follows the hints) stores nothing and every request runs the
 * resolvers, and turns the CACHE_OFF_LAYERS off (besides any BENCH_LAYERS_OFF of the caller's);
 * `on` leaves the server's defaults.
 */
export const CACHE_ENV = {
  off: {
    HTTP_CACHE_MAX_AGE: '0',
    BENCH_LAYERS_OFF: layersOff(process.env.BENCH_LAYERS_OFF ?? ''),
  },
  on: {},
};

/**
 * Set in every mode: the benchmark is one client sending thousands of requests a second, which
 * the per-client rate limit (src/core/limits) would refuse; the query limits (depth, cost) stay.
 */
export const SERVER_ENV = { RATE_LIMIT_POINTS: '0' };

/**
 * A free TCP port on loopback: any, or one of BENCH_PORT_RANGE (`4600-4699`) when set, for a
 * machine whose users share out port ranges.
 */
export async function freePort() {
  const range = process.env.BENCH_PORT_RANGE?.match(/^(\d+)-(\d+)$/);
  if (!range) return probePort(0);
  if (taken.size > Number(range[2]) - Number(range[1])) taken.clear();
  for (let port = Number(range[1]); port <= Number(range[2]); port++) {
    if (taken.has(port)) continue;
    try {
      await probePort(port);
      taken.add(port);
      return port;
    } catch {
      // in use: the next one
    }
  }
  throw new Error(`no free port in BENCH_PORT_RANGE ${process.env.BENCH_PORT_RANGE}`);
}

/** Ports handed out by this process (a stopped server's port may linger in TIME_WAIT). */
const taken = new Set();

function probePort(port) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(port, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Runs a node script to completion, rejecting with its stderr when it fails. */
export function runNode(args, env, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`node ${args.join(' ')} exited ${code}:\n${err || out}`)),
    );
  });
}

/** One field of /proc/PID/status in kB (VmRSS, VmHWM...), or null when the process is gone. */
export function procStatusKb(pid, field) {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'),
    );
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc; null when it is gone. */
export function procCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, in clock ticks (100 a second on Linux)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** Resets the process's peak RSS (VmHWM) to its current RSS; false where the kernel refuses. */
export function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * The Node flags `npm start` runs the server with (package.json's `start`: `node <flags>
 * dist/main.js`), read from `root` so a build is measured as it would be deployed. Every server
 * of a run starts with them, the yardsticks too: the same Node, set the same way.
 */
export function startFlags(root) {
  const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts?.start ?? '';
  const match = /^node\s+(.*?)\s*dist\/main\.js$/.exec(start.trim());
  if (!match)
    throw new Error(`package.json's start is not \`node [flags] dist/main.js\`: ${start}`);
  return match[1].split(/\s+/).filter(Boolean);
}

/** Spawns `argv` (node and its arguments) under `launcher` (e.g. valgrind and its options), or as it is. */
function spawnUnder(launcher, argv, options) {
  return launcher.length
    ? spawn(launcher[0], [...launcher.slice(1), ...argv], options)
    : spawn(argv[0], argv.slice(1), options);
}

/**
 * Starts `node <start flags> [nodeArgs] dist/main.js` in production mode on a fresh port and
 * waits for /readyz. Returns { url, pid, readyMs, stop() }; stop() sends SIGTERM and waits for the exit
 * (a graceful exit is what lets `--cpu-prof` write its profile).
 */
export async function startServer({
  root,
  databaseUrl,
  seedsDir,
  nodeArgs = [],
  env = {},
  launcher = [],
  readyTimeoutMs = 300_000,
}) {
  const port = await freePort();
  const started = Date.now();
  const argv = [process.execPath, ...startFlags(root), ...nodeArgs, 'dist/main.js'];
  const child = spawnUnder(launcher, argv, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      SEEDS_DIR: seedsDir,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = null;
  exited.then((status) => (gone = status));
  const url = `http://127.0.0.1:${port}`;
  while (Date.now() - started < readyTimeoutMs) {
    if (gone)
      throw new Error(`server exited before it was ready (${JSON.stringify(gone)}):\n${stderr}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  if (Date.now() - started >= readyTimeoutMs) {
    child.kill('SIGKILL');
    throw new Error(`server not ready after ${readyTimeoutMs} ms:\n${stderr}`);
  }
  return {
    url,
    pid: child.pid,
    startedAt: started,
    readyMs: Date.now() - started,
    stderr: () => stderr,
    async stop() {
      if (!gone) child.kill('SIGTERM');
      const status = await Promise.race([exited, sleep(30_000, null, { ref: false })]);
      if (!status) {
        child.kill('SIGKILL');
        await exited;
      }
      return status;
    },
  };
}

/** POSTs one GraphQL operation; returns the parsed body. */
export async function graphql(url, query, variables) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  return { status: res.status, body };
}

/**
 * Starts one of the yardsticks of bench/bare/server.mjs (`http`, `apollo`, `apollo-schema`) on
 * a fresh loopback port with the same Node and flags. Returns { kind, url, pid, stop() }.
 */
export async function startBare({
  root,
  kind,
  env = {},
  nodeArgs = [],
  launcher = [],
  readyTimeoutMs = 60_000,
}) {
  const port = await freePort();
  const argv = [
    process.execPath,
    ...startFlags(root),
    ...nodeArgs,
    'bench/bare/server.mjs',
    kind,
    String(port),
  ];
  const child = spawnUnder(launcher, argv, {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bare ${kind} not ready after ${readyTimeoutMs} ms:\n${err}`)),
      readyTimeoutMs,
    );
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('ready ')) {
        clearTimeout(timer);
        resolve();
      }
    });
    exited.then((status) => {
      clearTimeout(timer);
      reject(
        new Error(`bare ${kind} exited before it was ready (${JSON.stringify(status)}):\n${err}`),
      );
    });
  });
  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      const status = await Promise.race([exited, sleep(10_000, null, { ref: false })]);
      if (!status) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
