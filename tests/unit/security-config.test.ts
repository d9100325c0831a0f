import { ConfigError, loadConfig } from '../../src/core/config';
import { DEFAULT_SECURITY } from '../../src/core/limits';

describe('Security settings', () => {
  it('should default to limits that suit a public API, rate limiting on, batches off and no CORS', () => {
    expect(loadConfig({}).security).toEqual(DEFAULT_SECURITY);
    expect(DEFAULT_SECURITY).toEqual({
      limits: {
        maxDepth: 12,
        maxAliases: 30,
        maxDirectives: 50,
        maxTokens: 5000,
        maxCost: 500000,
        maxNameLength: 128,
        maxVariablesDepth: 32,
      },
      rateLimit: { points: 1000000, windowSeconds: 60 },
      transport: { corsOrigins: [], batchMaxOperations: 0, trustedDocuments: null, trustProxy: 0 },
    });
  });

  it('should read every setting from the environment', () => {
    const security = loadConfig({
      MAX_QUERY_DEPTH: '8',
      MAX_QUERY_ALIASES: '0',
      MAX_QUERY_DIRECTIVES: '10',
      MAX_QUERY_TOKENS: '2000',
      MAX_QUERY_COST: '10000',
      RATE_LIMIT_POINTS: '0',
      RATE_LIMIT_WINDOW_SECONDS: '3600',
      CORS_ORIGINS: 'https://careers.example, http://localhost:3000',
      BATCH_MAX_OPERATIONS: '5',
      TRUSTED_DOCUMENTS: 'docs/trusted-documents.json',
      TRUST_PROXY: '1',
      MAX_NAME_LENGTH: '64',
      MAX_VARIABLES_DEPTH: '10',
    }).security;
    expect(security).toEqual({
      limits: {
        maxDepth: 8,
        maxAliases: 0,
        maxDirectives: 10,
        maxTokens: 2000,
        maxCost: 10000,
        maxNameLength: 64,
        maxVariablesDepth: 10,
      },
      rateLimit: { points: 0, windowSeconds: 3600 },
      transport: {
        corsOrigins: ['https://careers.example', 'http://localhost:3000'],
        batchMaxOperations: 5,
        trustedDocuments: 'docs/trusted-documents.json',
        trustProxy: 1,
      },
    });
    expect(loadConfig({ CORS_ORIGINS: '*' }).security.transport.corsOrigins).toEqual(['*']);
  });

  it.each([
    [
      { MAX_QUERY_DEPTH: 'deep' },
      /MAX_QUERY_DEPTH must be a whole number from 0 to 1000, got "deep"/,
    ],
    [{ MAX_QUERY_COST: '-5' }, /MAX_QUERY_COST/],
    [{ MAX_QUERY_TOKENS: '1.5' }, /MAX_QUERY_TOKENS/],
    [{ RATE_LIMIT_POINTS: 'lots' }, /RATE_LIMIT_POINTS/],
    [{ RATE_LIMIT_WINDOW_SECONDS: '0' }, /RATE_LIMIT_WINDOW_SECONDS must be at least 1/],
    [{ BATCH_MAX_OPERATIONS: '1000' }, /BATCH_MAX_OPERATIONS must be a whole number from 0 to 100/],
    [{ CORS_ORIGINS: 'careers.example' }, /CORS_ORIGINS must be \* or comma-separated origins/],
    [{ CORS_ORIGINS: '*, https://a.example' }, /CORS_ORIGINS is either \* or a list/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY/],
    [{ MAX_NAME_LENGTH: '0' }, /^MAX_NAME_LENGTH must be from 1 to 10000, got "0"$/],
    [{ MAX_NAME_LENGTH: '20000' }, /MAX_NAME_LENGTH must be a whole number from 0 to 10000/],
    [{ MAX_VARIABLES_DEPTH: '0' }, /^MAX_VARIABLES_DEPTH must be from 1 to 1000, got "0"$/],
    [{ MAX_VARIABLES_DEPTH: 'deep' }, /MAX_VARIABLES_DEPTH must be a whole number/],
  ])('should refuse %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
