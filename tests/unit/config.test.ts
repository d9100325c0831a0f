import { ConfigError, loadConfig } from '../../src/core/config';

describe('Configuration', () => {
  it('should default to port 4000 and the SQLite file under data/', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({
      type: 'sqlite',
      path: 'data/careergraph.sqlite',
      busyTimeoutMs: 5000,
    });
    expect(config.introspection).toBe(true);
  });

  it('should read sqlite:PATH and postgres URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.db' }).database).toMatchObject({
      type: 'sqlite',
      path: '/tmp/x.db',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toMatchObject({
      type: 'postgres',
      url: 'postgres://u@h/db',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ INTROSPECTION: 'maybe' }, /INTROSPECTION/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [
      { DATABASE_READ_URLS: 'postgres://replica/db' },
      /DATABASE_READ_URLS needs DATABASE_URL to be a postgres/,
    ],
    [
      { DATABASE_URL: 'postgres://h/db', DATABASE_READ_URLS: 'postgres://r1/db,mysql://r2/db' },
      /DATABASE_READ_URLS/,
    ],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL/],
    [{ REDIS_PREFIX: 'has spaces' }, /REDIS_PREFIX/],
    [{ GRAPHQL_EXECUTOR: 'fast' }, /^GRAPHQL_EXECUTOR must be jit or graphql-js, got "fast"$/],
    [
      { HEAP_GROWTH_PERCENT: '1.5' },
      /^HEAP_GROWTH_PERCENT must be a whole number from 0 to 1000, got "1.5"$/,
    ],
    [{ HEAP_GROWTH_PERCENT: '5000' }, /^HEAP_GROWTH_PERCENT must be a whole number from 0 to 1000/],
    [
      { EXPOSE_STACK_TRACES: 'please' },
      /^EXPOSE_STACK_TRACES must be true or false, got "please"$/,
    ],
    [
      { EXPOSE_STACK_TRACES: 'true', NODE_ENV: 'production' },
      /EXPOSE_STACK_TRACES=true is for local debugging/,
    ],
    [{ HTTP_MAX_CONNECTIONS: '0' }, /^HTTP_MAX_CONNECTIONS must be at least 1/],
    [
      { HTTP_MAX_CONNECTIONS: 'many' },
      /^HTTP_MAX_CONNECTIONS must be a whole number from 0 to 1000000, got "many"$/,
    ],
    [{ HTTP_HEADERS_TIMEOUT_SECONDS: '0' }, /^HTTP_HEADERS_TIMEOUT_SECONDS must be at least 1/],
    [
      { HTTP_REQUEST_TIMEOUT_SECONDS: '2.5' },
      /^HTTP_REQUEST_TIMEOUT_SECONDS must be a whole number of seconds/,
    ],
    [
      { HTTP_HEADERS_TIMEOUT_SECONDS: '60', HTTP_REQUEST_TIMEOUT_SECONDS: '30' },
      /HTTP_HEADERS_TIMEOUT_SECONDS \(60\) must not exceed HTTP_REQUEST_TIMEOUT_SECONDS \(30\)/,
    ],
    [
      { HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '10' },
      /HTTP_KEEP_ALIVE_TIMEOUT_SECONDS \(10\) must be less than HTTP_HEADERS_TIMEOUT_SECONDS \(10\)/,
    ],
    [
      { REQUEST_DEADLINE_MS: '-1' },
      /^REQUEST_DEADLINE_MS must be a whole number of milliseconds from 0 to 600000/,
    ],
    [{ REQUEST_DEADLINE_MS: '1e9' }, /^REQUEST_DEADLINE_MS/],
    [
      { DATABASE_STATEMENT_TIMEOUT_MS: 'soon' },
      /^DATABASE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds/,
    ],
    [{ DATABASE_BUSY_TIMEOUT_MS: '0' }, /^DATABASE_BUSY_TIMEOUT_MS must be at least 1/],
    [
      { DATABASE_BUSY_TIMEOUT_MS: '600000' },
      /^DATABASE_BUSY_TIMEOUT_MS must be a whole number of milliseconds from 0 to 60000/,
    ],
    [{ DATABASE_MUST_EXIST: 'perhaps' }, /^DATABASE_MUST_EXIST must be true or false/],
  ])('should refuse %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('should bound writes and requests in time by default, and take other bounds from the environment', () => {
    const defaults = loadConfig({});
    expect(defaults.requestDeadlineMs).toBe(15_000);
    expect(defaults.databaseMustExist).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u@h/db',
      statementTimeoutMs: 10_000,
    });
    const set = loadConfig({
      DATABASE_URL: 'postgres://u@h/db',
      DATABASE_STATEMENT_TIMEOUT_MS: '0',
      REQUEST_DEADLINE_MS: '0',
      DATABASE_MUST_EXIST: 'true',
    });
    expect(set.database).toMatchObject({ statementTimeoutMs: 0 });
    expect(set.requestDeadlineMs).toBe(0);
    expect(set.databaseMustExist).toBe(true);
    expect(loadConfig({ DATABASE_BUSY_TIMEOUT_MS: '250' }).database).toMatchObject({
      busyTimeoutMs: 250,
    });
  });

  it('should bound heap growth to 100% unless HEAP_GROWTH_PERCENT says otherwise (0: V8 decides)', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(100);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
  });

  it('should cap connections and close slow or idle ones, unless HTTP_* say otherwise', () => {
    expect(loadConfig({}).http).toEqual({
      maxConnections: 128,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
    });
    const env = {
      HTTP_MAX_CONNECTIONS: '2000',
      HTTP_HEADERS_TIMEOUT_SECONDS: '65',
      HTTP_REQUEST_TIMEOUT_SECONDS: '120',
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '61',
    };
    expect(loadConfig(env).http).toEqual({
      maxConnections: 2000,
      headersTimeoutMs: 65_000,
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 61_000,
    });
  });

  it('should compile queries unless GRAPHQL_EXECUTOR=graphql-js', () => {
    expect(loadConfig({}).executor).toEqual({ kind: 'jit' });
    expect(loadConfig({ GRAPHQL_EXECUTOR: 'graphql-js' }).executor).toEqual({ kind: 'graphql-js' });
  });

  it('should hide stack traces unless EXPOSE_STACK_TRACES=true, whatever NODE_ENV says', () => {
    expect(loadConfig({}).exposeStackTraces).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).exposeStackTraces).toBe(false);
    expect(loadConfig({ EXPOSE_STACK_TRACES: 'true' }).exposeStackTraces).toBe(true);
  });

  it('should turn introspection off with INTROSPECTION=false', () => {
    expect(loadConfig({ INTROSPECTION: 'false' }).introspection).toBe(false);
  });

  it('should send reads to the replicas DATABASE_READ_URLS lists', () => {
    const env = {
      DATABASE_URL: 'postgres://u@primary/db',
      DATABASE_READ_URLS: ' postgres://u@r1/db , postgresql://u@r2/db,',
    };
    expect(loadConfig(env).database).toEqual({
      type: 'postgres',
      url: 'postgres://u@primary/db',
      readUrls: ['postgres://u@r1/db', 'postgresql://u@r2/db'],
      statementTimeoutMs: 10_000,
    });
  });

  it('should share state through Redis only when REDIS_URL is set, under REDIS_PREFIX', () => {
    expect(loadConfig({}).redis).toBeNull();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      prefix: 'careergraph:',
    });
    expect(
      loadConfig({ REDIS_URL: 'rediss://h:6380/2', REDIS_PREFIX: 'cg-staging:' }).redis,
    ).toEqual({ url: 'rediss://h:6380/2', prefix: 'cg-staging:' });
  });

  it('should not echo a Redis or replica password in its message', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://user:secret@host' })).toThrow(/^(?!.*secret)/);
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgres://h/db',
        DATABASE_READ_URLS: 'mysql://user:secret@host/db',
      }),
    ).toThrow(/^(?!.*secret)/);
  });

  it('should not echo a database password in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@host/db' })).toThrow(
      /^(?!.*secret)/,
    );
  });
});
