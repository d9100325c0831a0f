/** How much one request may ask for, and how the HTTP endpoint protects itself. */
export interface QueryLimits {
  /** Deepest field nesting (introspection fields aside); 0 turns the check off. */
  maxDepth: number;
  /** Aliased fields in one document; 0 turns the check off. */
  maxAliases: number;
  /** Directives in one document; 0 turns the check off. */
  maxDirectives: number;
  /** Lexical tokens in one document (checked while parsing); 0 turns the check off. */
  maxTokens: number;
  /** Estimated objects an operation may return (see cost.ts); 0 turns the check off. */
  maxCost: number;
  /** Longest name (operation, fragment, variable, alias...) in a document or `operationName`. */
  maxNameLength: number;
  /** Deepest nesting of a request's `variables` (and `extensions`), checked before anything reads them. */
  maxVariablesDepth: number;
}

/** A token bucket per client: `points` to spend, refilled evenly over `windowSeconds`. */
export interface RateLimitSettings {
  /** Bucket size in cost points; 0 turns rate limiting off. */
  points: number;
  windowSeconds: number;
}

/** Transport rules in front of Apollo. */
export interface TransportSettings {
  /** Origins browsers may call from: [] same-origin only, ['*'] anyone, else an exact list. */
  corsOrigins: string[];
  /** Operations allowed in one batched (JSON array) request; 0 refuses batches. */
  batchMaxOperations: number;
  /** Path of a JSON manifest { sha256: query }: when set, only those operations run. */
  trustedDocuments: string | null;
  /** Proxy hops in front of the server whose X-Forwarded-For is believed (express `trust proxy`). */
  trustProxy: number;
}

export interface SecuritySettings {
  limits: QueryLimits;
  rateLimit: RateLimitSettings;
  transport: TransportSettings;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5000,
  maxCost: 500_000,
  maxNameLength: 128,
  maxVariablesDepth: 32,
};

export const DEFAULT_SECURITY: SecuritySettings = {
  limits: DEFAULT_LIMITS,
  rateLimit: { points: 1_000_000, windowSeconds: 60 },
  transport: { corsOrigins: [], batchMaxOperations: 0, trustedDocuments: null, trustProxy: 0 },
};

type Env = Record<string, string | undefined>;

/**
 * Reads the security settings from `env` (config.ts passes process.env), failing through
 * `fail` with a message that names the variable.
 */
export function parseSecuritySettings(
  env: Env,
  fail: (message: string) => Error,
): SecuritySettings {
  const count = (name: string, fallback: number, max = 1_000_000_000): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || value > max) {
      throw fail(`${name} must be a whole number from 0 to ${max}, got "${raw}"`);
    }
    return value;
  };
  // limits that guard memory and the call stack have no "off"
  const atLeastOne = (name: string, fallback: number, max: number): number => {
    const value = count(name, fallback, max);
    if (value === 0) throw fail(`${name} must be from 1 to ${max}, got "0"`);
    return value;
  };
  const windowSeconds = count(
    'RATE_LIMIT_WINDOW_SECONDS',
    DEFAULT_SECURITY.rateLimit.windowSeconds,
    86_400,
  );
  if (windowSeconds === 0)
    throw fail(
      'RATE_LIMIT_WINDOW_SECONDS must be at least 1 (set RATE_LIMIT_POINTS=0 to turn rate limiting off)',
    );
  return {
    limits: {
      maxDepth: count('MAX_QUERY_DEPTH', DEFAULT_LIMITS.maxDepth, 1000),
      maxAliases: count('MAX_QUERY_ALIASES', DEFAULT_LIMITS.maxAliases, 100_000),
      maxDirectives: count('MAX_QUERY_DIRECTIVES', DEFAULT_LIMITS.maxDirectives, 100_000),
      maxTokens: count('MAX_QUERY_TOKENS', DEFAULT_LIMITS.maxTokens, 1_000_000),
      maxCost: count('MAX_QUERY_COST', DEFAULT_LIMITS.maxCost),
      maxNameLength: atLeastOne('MAX_NAME_LENGTH', DEFAULT_LIMITS.maxNameLength, 10_000),
      maxVariablesDepth: atLeastOne('MAX_VARIABLES_DEPTH', DEFAULT_LIMITS.maxVariablesDepth, 1000),
    },
    rateLimit: {
      points: count('RATE_LIMIT_POINTS', DEFAULT_SECURITY.rateLimit.points),
      windowSeconds,
    },
    transport: {
      corsOrigins: parseOrigins(env.CORS_ORIGINS, fail),
      batchMaxOperations: count('BATCH_MAX_OPERATIONS', 0, 100),
      trustedDocuments: env.TRUSTED_DOCUMENTS?.trim() || null,
      trustProxy: count('TRUST_PROXY', 0, 10),
    },
  };
}

/** CORS_ORIGINS: empty (same-origin only), `*`, or comma-separated origins like https://a.example. */
function parseOrigins(raw: string | undefined, fail: (message: string) => Error): string[] {
  const origins = (raw ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.includes('*')) {
    if (origins.length > 1)
      throw fail(`CORS_ORIGINS is either * or a list of origins, not both: "${raw}"`);
    return ['*'];
  }
  const bad = origins.find((o) => !/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o));
  if (bad)
    throw fail(
      `CORS_ORIGINS must be * or comma-separated origins such as https://careers.example, got "${bad}"`,
    );
  return origins.map((o) => o.toLowerCase());
}
