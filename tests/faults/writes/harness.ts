import { ChildProcess, execFile, spawn } from 'node:child_process';
import http from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';

/**
 * The built server and CLIs as an operator runs them (`npm run test:faults` builds first), and
 * editors writing to them: what each write was answered, and what the database holds afterwards.
 */
/** FAULTS_ROOT: another build to run the same tests against (the figures of an older version). */
export const ROOT = process.env.FAULTS_ROOT || join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'main.js');
const run = promisify(execFile);

export function requireBuild(): void {
  if (!existsSync(MAIN))
    throw new Error('dist/main.js is missing: run `npm run build` (npm run test:faults does)');
}

export interface LogLine {
  msg: string;
  level: number;
  [key: string]: unknown;
}

export interface ServerProcess {
  url: string;
  base: string;
  logs: LogLine[];
  child: ChildProcess;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The environment every process of a fault test shares: no Redis, no rate limit, quiet logs. */
/**
 * One HTTP request on a connection of its own, closed after (node:http without an agent). The
 * tests kill servers under open keep-alive connections; fetch's shared pool then kept the test
 * process busy after the run, long after every server was gone.
 */
export function request(
  url: string,
  options: { body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.body === undefined ? 'GET' : 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', ...options.headers },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer in ${options.timeoutMs ?? 30_000} ms`)),
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export const baseEnv = (
  databaseUrl: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv => ({
  ...process.env,
  HOST: '127.0.0.1',
  PORT: '0',
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
  RATE_LIMIT_POINTS: '0',
  REDIS_URL: '',
  ...extra,
});

export async function waitFor<T>(
  find: () => T | undefined | Promise<T | undefined>,
  what: string,
  ms = 60_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts `node dist/main.js` and waits until it listens. */
export async function startServer(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: baseEnv(databaseUrl, { LOG_LEVEL: 'info', ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let buffered = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  child.stdout?.on('data', (chunk) => {
    buffered += String(chunk);
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const text of lines) {
      try {
        logs.push(JSON.parse(text));
      } catch {
        // not a log line
      }
    }
  });
  let dead = false;
  void exited.then(() => (dead = true));
  const port = await waitFor(() => {
    if (dead) throw new Error(`the server exited before listening: ${stderr}`);
    return logs.find((l) => String(l.msg).includes('listening'))?.port as number | undefined;
  }, 'the server to listen');
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/graphql`,
    base,
    logs,
    child,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** An editor key made with `npm run keys` (node dist/app/keys-cli.js). */
export async function createEditorKey(databaseUrl: string, name = 'fault editor'): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [join(ROOT, 'dist', 'app', 'keys-cli.js'), 'create', '--role', 'editor', '--name', name],
    {
      cwd: ROOT,
      env: baseEnv(databaseUrl),
    },
  );
  return stdout.trim().split('\n').pop() as string;
}

const SKILL_CREATE = /* GraphQL */ `
  mutation Create($input: SkillCreateInput!) {
    skillCreate(input: $input) {
      skill {
        slug
      }
    }
  }
`;

export type Outcome =
  | { kind: 'acknowledged'; slug: string; ms: number }
  | {
      kind: 'refused';
      slug: string;
      code: string;
      status: number;
      reason?: string;
      message: string;
      ms: number;
    }
  | { kind: 'internal'; slug: string; status: number; message: string; ms: number }
  | { kind: 'unanswered'; slug: string; error: string; ms: number };

/** Sends one skill creation and classifies the answer. */
export async function createSkill(
  url: string,
  key: string,
  slug: string,
  timeoutMs = 20_000,
): Promise<Outcome> {
  const input = {
    slug,
    name: `Skill ${slug}`,
    category: 'TOOL',
    description: 'Written by a fault test',
    broader: 'server-and-cloud-management',
    cite: [{ source: 'backend-career-guide', section: 'Core technical skills' }],
  };
  const started = Date.now();
  const ms = () => Date.now() - started;
  try {
    const res = await request(url, {
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: SKILL_CREATE, variables: { input } }),
      timeoutMs,
    });
    const body = res.body as {
      data?: any;
      errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
    };
    if (!body.errors && body.data?.skillCreate?.skill?.slug === slug)
      return { kind: 'acknowledged', slug, ms: ms() };
    const error = body.errors?.[0];
    const code = error?.extensions?.code;
    if (
      !code ||
      code === 'INTERNAL_SERVER_ERROR' ||
      (res.status >= 500 && code !== 'SERVICE_UNAVAILABLE')
    ) {
      return {
        kind: 'internal',
        slug,
        status: res.status,
        message: error?.message ?? JSON.stringify(body),
        ms: ms(),
      };
    }
    return {
      kind: 'refused',
      slug,
      code,
      status: res.status,
      reason: error?.extensions?.reason,
      message: error?.message ?? '',
      ms: ms(),
    };
  } catch (err) {
    return {
      kind: 'unanswered',
      slug,
      error: String((err as Error & { cause?: Error }).cause ?? err),
      ms: ms(),
    };
  }
}

/** `count` editors each creating skills one after another until `stop()` says so. */
export function writers(url: string, key: string, count: number, prefix: string) {
  const outcomes: Outcome[] = [];
  let stopped = false;
  const loops = Array.from({ length: count }, async (_, w) => {
    for (let n = 0; !stopped; n += 1) {
      const outcome = await createSkill(url, key, `${prefix}-${w}-${n}`);
      outcomes.push(outcome);
      if (outcome.kind === 'unanswered') await new Promise((r) => setTimeout(r, 50));
    }
  });
  return {
    outcomes,
    async stop() {
      stopped = true;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

export function tally(outcomes: Outcome[]) {
  const by = (kind: Outcome['kind']) => outcomes.filter((o) => o.kind === kind);
  const codes: Record<string, number> = {};
  for (const o of outcomes) if (o.kind === 'refused') codes[o.code] = (codes[o.code] ?? 0) + 1;
  return {
    sent: outcomes.length,
    acknowledged: by('acknowledged').length,
    refused: by('refused').length,
    codes,
    internal: by('internal').length,
    unanswered: by('unanswered').length,
  };
}

/** Reads a SQLite file with its own connection (read-only), as another process would. */
export async function readSqlite<T = any>(
  path: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const d = new sqlite3.Database(path, sqlite3.OPEN_READONLY, (err) =>
      err ? reject(err) : resolve(d),
    );
  });
  try {
    return await new Promise<T[]>((resolve, reject) =>
      db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
    );
  } finally {
    await new Promise((r) => db.close(r));
  }
}

/** Each skill whose slug is like $1 (or ?), with its citations and audit entries counted. */
const STORED_SKILLS = (placeholder: string) => `SELECT s.slug,
   (SELECT COUNT(*) FROM citations c WHERE c.subject_type = 'Skill' AND c.subject_id = s.id) AS cites,
   (SELECT COUNT(*) FROM audit_log a WHERE a.subject_type = 'Skill' AND a.subject_key = s.slug) AS audits
 FROM skills s WHERE s.slug LIKE ${placeholder}`;

type StoredSkills = Map<string, { cited: boolean; audited: boolean }>;

const storedFrom = (rows: { slug: string; cites: number | string; audits: number | string }[]) =>
  new Map(
    rows.map((r) => [r.slug, { cited: Number(r.cites) > 0, audited: Number(r.audits) > 0 }]),
  ) as StoredSkills;

/**
 * What a SQLite file holds of the skills whose slug starts with `prefix`: each with whether its
 * citation and its audit entry are there too (a partial write would lack one).
 */
export async function storedSkills(path: string, prefix: string): Promise<StoredSkills> {
  return storedFrom(await readSqlite(path, STORED_SKILLS('?'), [`${prefix}-%`]));
}

/** One statement on PostgreSQL, on a connection of its own (as an operator's psql would). */
export async function pgQuery<T = unknown>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new DataSource({ type: 'postgres', url, poolSize: 1 });
  await client.initialize();
  try {
    return (await client.query(sql, params)) as T[];
  } finally {
    await client.destroy();
  }
}

/** storedSkills of a PostgreSQL database. */
export async function storedPgSkills(url: string, prefix: string): Promise<StoredSkills> {
  return storedFrom(await pgQuery(url, STORED_SKILLS('$1'), [`${prefix}-%`]));
}

/** A refusal that says nothing was written (not one that says the outcome is unknown). */
const refusedUnwritten = (o: Outcome) =>
  o.kind === 'refused' && !/may have been applied/.test(o.message);

/** The check every fault test ends with: acknowledged writes all stored, whole; no write half-stored. */
export function judge(
  outcomes: Outcome[],
  stored: Map<string, { cited: boolean; audited: boolean }>,
) {
  const acknowledged = outcomes.filter((o) => o.kind === 'acknowledged').map((o) => o.slug);
  const lost = acknowledged.filter((slug) => !stored.has(slug));
  const partial = [...stored.entries()]
    .filter(([, s]) => !s.cited || !s.audited)
    .map(([slug]) => slug);
  const internal = outcomes.filter((o) => o.kind === 'internal');
  // a refusal says nothing was written: it must be true (unless it said the outcome was unknown)
  const phantom = outcomes
    .filter((o) => refusedUnwritten(o) && stored.has(o.slug))
    .map((o) => o.slug);
  return { lost, partial, internal, phantom };
}

export const seconds = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback) * 1000;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function readyStatus(server: ServerProcess): Promise<number> {
  try {
    return (await request(`${server.base}/readyz`, { timeoutMs: 10_000 })).status;
  } catch {
    return 0;
  }
}

export interface FaultRun {
  /** Outcomes of the writes sent before, during and after the fault. */
  before: Outcome[];
  during: Outcome[];
  after: Outcome[];
  /** /readyz statuses seen while the fault held, and whether it answered 200 again after. */
  readyDuring: number[];
  readyAgain: boolean;
  /** Settled writes the server still running answered otherwise (see servedOtherwise). */
  servedWrong: string[];
  server: ServerProcess;
}

/**
 * Of `settled` writes, those the running server answers otherwise than their outcome says: an
 * acknowledged skill `skill(slug:)` does not find, or one refused as not written that it finds
 * (at most the last 100 of each). Whatever a fault did to its in-memory graph, a server serves
 * what was committed, no more and no less.
 */
export async function servedOtherwise(
  server: ServerProcess,
  settled: Outcome[],
): Promise<string[]> {
  const told = settled.flatMap((o) =>
    o.kind === 'acknowledged'
      ? [{ slug: o.slug, stored: true }]
      : refusedUnwritten(o)
        ? [{ slug: o.slug, stored: false }]
        : [],
  );
  const sample = [
    ...told.filter((t) => !t.stored).slice(-100),
    ...told.filter((t) => t.stored).slice(-100),
  ];
  const wrong: string[] = [];
  for (let i = 0; i < sample.length; i += 20) {
    const chunk = sample.slice(i, i + 20);
    const query = `{ ${chunk.map((t, j) => `s${j}: skill(slug: ${JSON.stringify(t.slug)}) { slug }`).join(' ')} }`;
    const res = await request(server.url, { body: JSON.stringify({ query }), timeoutMs: 10_000 });
    if (res.status !== 200 || res.body?.errors) {
      wrong.push(`read refused: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      continue;
    }
    chunk.forEach((t, j) => {
      const found = res.body.data[`s${j}`] != null;
      if (found !== t.stored)
        wrong.push(`${t.slug}: ${t.stored ? 'acknowledged, not served' : 'refused, served'}`);
    });
  }
  return wrong;
}

/**
 * Eight editors write; `inject` breaks something mid-run and `clear` mends it; the writers go on
 * for a while, the running server is asked for what they were told (servedOtherwise), then it is
 * killed with SIGKILL (the caller restarts it and judges).
 */
export async function writeThroughFault(
  server: ServerProcess,
  key: string,
  prefix: string,
  phases: { beforeMs: number; duringMs: number; afterMs: number },
  inject: () => unknown,
  clear: () => unknown,
): Promise<FaultRun> {
  const load = writers(server.url, key, 8, prefix);
  await sleep(phases.beforeMs);
  const atFault = load.outcomes.length;
  await inject();
  const readyDuring: number[] = [];
  const until = Date.now() + phases.duringMs;
  while (Date.now() < until) {
    readyDuring.push(await readyStatus(server));
    await sleep(250);
  }
  await clear();
  const atClear = load.outcomes.length;
  let readyAgain = false;
  const recoverBy = Date.now() + 10_000;
  while (!readyAgain && Date.now() < recoverBy) {
    readyAgain = (await readyStatus(server)) === 200;
    if (!readyAgain) await sleep(250);
  }
  const atReady = load.outcomes.length;
  await sleep(phases.afterMs);
  // the writers still running: only the writes already answered are judged here
  const servedWrong = await servedOtherwise(server, [...load.outcomes]);
  await server.kill('SIGKILL');
  const outcomes = await load.stop();
  return {
    before: outcomes.slice(0, atFault),
    during: outcomes.slice(atFault, atClear),
    after: outcomes.slice(atReady),
    readyDuring,
    readyAgain,
    servedWrong,
    server,
  };
}
