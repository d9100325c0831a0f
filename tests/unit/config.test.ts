import { ConfigError, loadConfig } from '../../src/core/config';

describe('Configuration', () => {
  it('should default to port 4000 and the SQLite file under data/', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toEqual({ type: 'sqlite', path: 'data/careergraph.sqlite' });
    expect(config.introspection).toBe(true);
  });

  it('should read sqlite:PATH and postgres URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.db' }).database).toEqual({ type: 'sqlite', path: '/tmp/x.db' });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).database).toEqual({ type: 'postgres', url: 'postgres://u@h/db' });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ INTROSPECTION: 'maybe' }, /INTROSPECTION/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('should refuse %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('should turn introspection off with INTROSPECTION=false', () => {
    expect(loadConfig({ INTROSPECTION: 'false' }).introspection).toBe(false);
  });

  it('should not echo a database password in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@host/db' })).toThrow(/^(?!.*secret)/);
  });
});
