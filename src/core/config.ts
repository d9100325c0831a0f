import type { ExecutorKind, ExecutorOptions } from './compiled-executor';
import { Layer, parseLayersOff } from './layers';
import { parseSecuritySettings, SecuritySettings } from './limits/settings';

/** The only reader of process.env: every setting, validated once at start. */
export interface Config {
  port: number;
  host: string;
  database: DatabaseSettings;
  nodeEnv: 'development' | 'production' | 'test';
  /** Stack traces and unmasked internal errors in answers (EXPOSE_STACK_TRACES): local debugging only. */
  exposeStackTraces: boolean;
  introspection: boolean;
  logLevel: string;
  seedsDir: string;
  /** GraphiQL on GET /graphql for browsers. */
  playground: boolean;
  /** Seconds public query results may be cached (Cache-Control max-age); 0 disables. */
  httpCacheMaxAge: number;
  /** OTLP/HTTP collector base URL for traces (OTEL_EXPORTER_OTLP_ENDPOINT); null: no tracing. */
  otlpEndpoint: string | null;
  otelServiceName: string;
  /** Shared state of several replicas (response cache, graph version); null: one process alone. */
  redis: RedisSettings | null;
  /** Query limits, rate limiting and transport rules (src/core/limits). */
  security: SecuritySettings;
  /** How operations run: compiled once seen (graphql-jit) or interpreted (graphql-js). */
  executor: ExecutorOptions;
  /** How far V8 lets the heap grow past what the last full GC kept, in percent; 0: V8's own choice. */
  heapGrowthPercent: number;
  /** Whether V8 may allocate objects straight into the old generation by where they are made (V8_PRETENURING). */
  pretenuring: boolean;
  /** What the HTTP server holds open for clients (node:http settings). */
  http: HttpSettings;
  /** Milliseconds a GraphQL request may take before it is answered SERVICE_UNAVAILABLE; 0: no deadline. */
  requestDeadlineMs: number;
  /** Refuse to start when the SQLite file is missing, instead of creating and seeding a new one. */
  databaseMustExist: boolean;
  /** Layers turned off for the benchmark's per-layer profile (BENCH_LAYERS_OFF); empty when serving. */
  layersOff: Layer[];
}

/**
 * The HTTP server's limits: open connections beyond `maxConnections` are closed as they arrive;
 * a client gets `headersTimeoutMs` to send its headers, `requestTimeoutMs` for the whole
 * request (body included), and an idle kept-alive connection is closed after `keepAliveTimeoutMs`.
 */
export interface HttpSettings {
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP: HttpSettings = {
  maxConnections: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/** Where replicas share state: a Redis URL, and the prefix of every key we use there. */
export interface RedisSettings {
  url: string;
  prefix: string;
}

/**
 * `readUrls`: PostgreSQL read replicas that serve reads (writes and migrations go to `url`).
 * `busyTimeoutMs` (SQLite): how long a write waits for another process's write to finish.
 * `statementTimeoutMs` (PostgreSQL): the longest one statement may run, and how long the client
 * waits for any answer (a blackholed server); 0: no limit.
 */
export type DatabaseSettings =
  | { type: 'sqlite'; path: string; busyTimeoutMs?: number }
  | { type: 'postgres'; url: string; readUrls?: string[]; statementTimeoutMs?: number };

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

/** `sqlite:PATH` (or `sqlite::memory:`) and `postgres://...` are understood. */
export function parseDatabaseUrl(raw: string | undefined): DatabaseSettings {
  const url = raw === undefined || raw === '' ? 'sqlite:data/careergraph.sqlite' : raw;
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path)
      throw new ConfigError(
        'DATABASE_URL "sqlite:" needs a file path, as in sqlite:data/careergraph.sqlite',
      );
    return { type: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { type: 'postgres', url };
  throw new ConfigError(
    `DATABASE_URL must be sqlite:PATH or postgres://..., got "${url.replace(/:[^:@/]*@/, ':***@')}"`,
  );
}

/** A URL with any password masked, for messages. */
const masked = (url: string) => url.replace(/:[^:@/]*@/, ':***@');

/** DATABASE_READ_URLS: comma-separated postgres:// URLs of read replicas, for a PostgreSQL primary only. */
export function parseReadUrls(
  raw: string | undefined,
  primary: DatabaseSettings,
): DatabaseSettings {
  const urls = (raw ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length === 0) return primary;
  if (primary.type !== 'postgres') {
    throw new ConfigError(
      'DATABASE_READ_URLS needs DATABASE_URL to be a postgres:// URL (read replicas are PostgreSQL only)',
    );
  }
  const bad = urls.find((u) => !/^postgres(ql)?:\/\/[^/]/.test(u));
  if (bad)
    throw new ConfigError(
      `DATABASE_READ_URLS must be comma-separated postgres:// URLs, got "${masked(bad)}"`,
    );
  return { ...primary, readUrls: urls };
}

/** REDIS_URL (redis:// or rediss://) and REDIS_PREFIX; no REDIS_URL means no Redis. */
export function parseRedis(
  rawUrl: string | undefined,
  rawPrefix: string | undefined,
): RedisSettings | null {
  const prefix = rawPrefix === undefined || rawPrefix === '' ? 'careergraph:' : rawPrefix;
  if (!/^[\w:.-]{1,64}$/.test(prefix)) {
    throw new ConfigError(
      `REDIS_PREFIX must be 1 to 64 letters, digits, or _ : . -, got "${prefix}"`,
    );
  }
  if (rawUrl === undefined || rawUrl === '') return null;
  if (!/^rediss?:\/\/[^/]/.test(rawUrl))
    throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, got "${masked(rawUrl)}"`);
  return { url: rawUrl, prefix };
}

/** OTEL_EXPORTER_OTLP_ENDPOINT: an http(s) base URL (traces go to <url>/v1/traces), or unset. */
export function parseOtlpEndpoint(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (!/^https?:\/\/[^/]/.test(raw))
    throw new ConfigError(
      `OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL, got "${raw}"`,
    );
  return raw;
}

/** A whole number from 0 to `max`; `unit` names what it counts in the message (" of seconds"). */
function parseWhole(
  name: string,
  raw: string | undefined,
  fallback: number,
  max: number,
  unit = '',
): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > max)
    throw new ConfigError(`${name} must be a whole number${unit} from 0 to ${max}, got "${raw}"`);
  return value;
}

/** A whole number of seconds from 0 to 86400 (a day). */
export function parseSeconds(name: string, raw: string | undefined, fallback: number): number {
  return parseWhole(name, raw, fallback, 86400, ' of seconds');
}

/**
 * HTTP_MAX_CONNECTIONS, HTTP_HEADERS_TIMEOUT_SECONDS, HTTP_REQUEST_TIMEOUT_SECONDS and
 * HTTP_KEEP_ALIVE_TIMEOUT_SECONDS; none may be 0 (no limit), and an idle kept-alive connection
 * must be closed before a slow client's headers would be, and those before the whole request.
 */
export function parseHttp(env: NodeJS.ProcessEnv): HttpSettings {
  const positive = (name: string, fallback: number, max: number, unit = '') => {
    const value = parseWhole(name, env[name], fallback, max, unit);
    if (value === 0)
      throw new ConfigError(`${name} must be at least 1 (there is no "no limit"), got "0"`);
    return value;
  };
  const maxConnections = positive('HTTP_MAX_CONNECTIONS', DEFAULT_HTTP.maxConnections, 1_000_000);
  const headers = positive(
    'HTTP_HEADERS_TIMEOUT_SECONDS',
    DEFAULT_HTTP.headersTimeoutMs / 1000,
    3600,
    ' of seconds',
  );
  const request = positive(
    'HTTP_REQUEST_TIMEOUT_SECONDS',
    DEFAULT_HTTP.requestTimeoutMs / 1000,
    3600,
    ' of seconds',
  );
  const keepAlive = positive(
    'HTTP_KEEP_ALIVE_TIMEOUT_SECONDS',
    DEFAULT_HTTP.keepAliveTimeoutMs / 1000,
    3600,
    ' of seconds',
  );
  if (headers > request) {
    throw new ConfigError(
      `HTTP_HEADERS_TIMEOUT_SECONDS (${headers}) must not exceed HTTP_REQUEST_TIMEOUT_SECONDS (${request})`,
    );
  }
  if (keepAlive >= headers) {
    throw new ConfigError(
      `HTTP_KEEP_ALIVE_TIMEOUT_SECONDS (${keepAlive}) must be less than HTTP_HEADERS_TIMEOUT_SECONDS (${headers})`,
    );
  }
  return {
    maxConnections,
    headersTimeoutMs: headers * 1000,
    requestTimeoutMs: request * 1000,
    keepAliveTimeoutMs: keepAlive * 1000,
  };
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

const EXECUTORS: ExecutorKind[] = ['jit', 'graphql-js'];

/** GRAPHQL_EXECUTOR: `jit` (the default) or `graphql-js`. */
export function parseExecutor(raw: string | undefined): ExecutorOptions {
  const kind = raw === undefined || raw === '' ? 'jit' : raw;
  if (!EXECUTORS.includes(kind as ExecutorKind)) {
    throw new ConfigError(`GRAPHQL_EXECUTOR must be ${EXECUTORS.join(' or ')}, got "${kind}"`);
  }
  return { kind: kind as ExecutorKind };
}

function parseNodeEnv(raw: string | undefined): Config['nodeEnv'] {
  const value = raw === undefined || raw === '' ? 'development' : raw;
  if (value !== 'development' && value !== 'production' && value !== 'test') {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${value}"`);
  }
  return value;
}

/**
 * EXPOSE_STACK_TRACES: off unless asked for, whatever NODE_ENV says, so `npm start` with nothing
 * set never shows stack traces or server paths; refused with NODE_ENV=production.
 */
export function parseExposeStackTraces(
  raw: string | undefined,
  nodeEnv: Config['nodeEnv'],
): boolean {
  const expose = parseBoolean('EXPOSE_STACK_TRACES', raw, false);
  if (expose && nodeEnv === 'production') {
    throw new ConfigError(
      'EXPOSE_STACK_TRACES=true is for local debugging: it cannot be combined with NODE_ENV=production',
    );
  }
  return expose;
}

/** DATABASE_URL and DATABASE_READ_URLS, with the timeouts of the engine they name. */
export function parseDatabase(env: NodeJS.ProcessEnv): DatabaseSettings {
  const db = parseReadUrls(env.DATABASE_READ_URLS, parseDatabaseUrl(env.DATABASE_URL));
  const busy = parseWhole(
    'DATABASE_BUSY_TIMEOUT_MS',
    env.DATABASE_BUSY_TIMEOUT_MS,
    5000,
    60_000,
    ' of milliseconds',
  );
  const statement = parseWhole(
    'DATABASE_STATEMENT_TIMEOUT_MS',
    env.DATABASE_STATEMENT_TIMEOUT_MS,
    10_000,
    600_000,
    ' of milliseconds',
  );
  if (db.type === 'sqlite' && busy === 0)
    throw new ConfigError(
      'DATABASE_BUSY_TIMEOUT_MS must be at least 1 (0 would fail every write that meets another)',
    );
  return db.type === 'sqlite'
    ? { ...db, busyTimeoutMs: busy }
    : { ...db, statementTimeoutMs: statement };
}

/** Reads and validates the environment; throws ConfigError with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const nodeEnv = parseNodeEnv(env.NODE_ENV);
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '0.0.0.0',
    database: parseDatabase(env),
    nodeEnv,
    exposeStackTraces: parseExposeStackTraces(env.EXPOSE_STACK_TRACES, nodeEnv),
    introspection: parseBoolean('INTROSPECTION', env.INTROSPECTION, true),
    logLevel,
    seedsDir: env.SEEDS_DIR || 'seeds',
    playground: parseBoolean('PLAYGROUND', env.PLAYGROUND, true),
    httpCacheMaxAge: parseSeconds('HTTP_CACHE_MAX_AGE', env.HTTP_CACHE_MAX_AGE, 60),
    otlpEndpoint: parseOtlpEndpoint(env.OTEL_EXPORTER_OTLP_ENDPOINT),
    otelServiceName: env.OTEL_SERVICE_NAME || 'careergraph',
    redis: parseRedis(env.REDIS_URL, env.REDIS_PREFIX),
    security: parseSecuritySettings(env, (message) => new ConfigError(message)),
    executor: parseExecutor(env.GRAPHQL_EXECUTOR),
    heapGrowthPercent: parseWhole('HEAP_GROWTH_PERCENT', env.HEAP_GROWTH_PERCENT, 100, 1000),
    pretenuring: parseBoolean('V8_PRETENURING', env.V8_PRETENURING, false),
    http: parseHttp(env),
    requestDeadlineMs: parseWhole(
      'REQUEST_DEADLINE_MS',
      env.REQUEST_DEADLINE_MS,
      15_000,
      600_000,
      ' of milliseconds',
    ),
    databaseMustExist: parseBoolean('DATABASE_MUST_EXIST', env.DATABASE_MUST_EXIST, false),
    layersOff: parseLayersOff(env.BENCH_LAYERS_OFF, (message) => new ConfigError(message)),
  };
}

/** The configuration, or a one-line message naming the bad variable and exit code 1. */
export function loadConfigOrExit(program: string): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${program}: bad configuration: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}
