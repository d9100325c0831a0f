import { ConfigError, loadConfig } from '../../src/core/config';

describe('Configuration of the playground and HTTP caching', () => {
  it('should turn the playground on and cache for 60 s by default', () => {
    const config = loadConfig({});
    expect(config.playground).toBe(true);
    expect(config.httpCacheMaxAge).toBe(60);
  });

  it('should read PLAYGROUND and HTTP_CACHE_MAX_AGE', () => {
    const config = loadConfig({ PLAYGROUND: 'false', HTTP_CACHE_MAX_AGE: '0' });
    expect(config.playground).toBe(false);
    expect(config.httpCacheMaxAge).toBe(0);
  });

  it('should trace only when OTEL_EXPORTER_OTLP_ENDPOINT is an http(s) URL', () => {
    expect(loadConfig({}).otlpEndpoint).toBeNull();
    const config = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'cg-eu',
    });
    expect(config.otlpEndpoint).toBe('http://collector:4318');
    expect(config.otelServiceName).toBe('cg-eu');
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /^OTEL_EXPORTER_OTLP_ENDPOINT must be an http:\/\/ or https:\/\/ URL/,
    );
  });

  it('should refuse bad values with a message naming the variable', () => {
    expect(() => loadConfig({ PLAYGROUND: 'maybe' })).toThrow(
      new ConfigError('PLAYGROUND must be true or false, got "maybe"'),
    );
    expect(() => loadConfig({ HTTP_CACHE_MAX_AGE: '-5' })).toThrow(
      /^HTTP_CACHE_MAX_AGE must be a whole number of seconds from 0 to 86400, got "-5"$/,
    );
    expect(() => loadConfig({ HTTP_CACHE_MAX_AGE: '90000' })).toThrow(/HTTP_CACHE_MAX_AGE/);
  });
});
