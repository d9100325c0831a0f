/** The only reader of process.env: every setting, validated once at start. */
export interface Config {
  port: number;
  host: string;
  database: DatabaseSettings;
  nodeEnv: 'development' | 'production' | 'test';
  introspection: boolean;
  logLevel: string;
  seedsDir: string;
}

export type DatabaseSettings = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

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
    if (!path) throw new ConfigError('DATABASE_URL "sqlite:" needs a file path, as in sqlite:data/careergraph.sqlite');
    return { type: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { type: 'postgres', url };
  throw new ConfigError(
    `DATABASE_URL must be sqlite:PATH or postgres://..., got "${url.replace(/:[^:@/]*@/, ':***@')}"`,
  );
}

function parseBoolean(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function parseNodeEnv(raw: string | undefined): Config['nodeEnv'] {
  const value = raw === undefined || raw === '' ? 'development' : raw;
  if (value !== 'development' && value !== 'production' && value !== 'test') {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${value}"`);
  }
  return value;
}

/** Reads and validates the environment; throws ConfigError with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL),
    nodeEnv: parseNodeEnv(env.NODE_ENV),
    introspection: parseBoolean('INTROSPECTION', env.INTROSPECTION, true),
    logLevel,
    seedsDir: env.SEEDS_DIR || 'seeds',
  };
}
