import { GraphQLError } from 'graphql';
import { recordError, recordRateLimitRefusal } from '../metrics';

/** The `extensions.code` of every refusal this module makes (documented in the README). */
export enum LimitCode {
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES = 'TOO_MANY_DIRECTIVES',
  TOO_MANY_TOKENS = 'TOO_MANY_TOKENS',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  RATE_LIMITED = 'RATE_LIMITED',
  BATCHING_DISABLED = 'BATCHING_DISABLED',
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  FORBIDDEN_OPERATION = 'FORBIDDEN_OPERATION',
}

/** Codes of limits checked during validation: Apollo relabels those errors, formatError restores them. */
const VALIDATION_CODES = new Set<string>([
  LimitCode.QUERY_TOO_DEEP,
  LimitCode.TOO_MANY_ALIASES,
  LimitCode.TOO_MANY_DIRECTIVES,
]);

// graphql-js 16 words it "more that N tokens" (sic); accept the corrected wording too.
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * The limit code behind an error Apollo reports as GRAPHQL_VALIDATION_FAILED or
 * GRAPHQL_PARSE_FAILED, or undefined when the error is not one of ours.
 */
export function limitCodeOf(error: unknown, message: string): LimitCode | undefined {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  const code = original instanceof GraphQLError ? original.extensions?.code : undefined;
  if (typeof code === 'string' && VALIDATION_CODES.has(code)) return code as LimitCode;
  if (TOKEN_LIMIT_MESSAGE.test(message)) return LimitCode.TOO_MANY_TOKENS;
  return undefined;
}

/** The refusal of a document over the token limit, reworded for people. */
export function tokenLimitMessage(message: string): string {
  const limit = TOKEN_LIMIT_MESSAGE.exec(message)?.[1];
  return `The query has more than ${limit} tokens (the limit, MAX_QUERY_TOKENS); it was not parsed`;
}

/**
 * A body that is a GraphQL-shaped error, for refusals made before Apollo sees the request;
 * counted in the metrics like every error sent (and as a limit refusal when it is one).
 */
export function errorBody(message: string, code: string, extra: Record<string, unknown> = {}) {
  recordError(code);
  if ((Object.values(LimitCode) as string[]).includes(code)) recordRateLimitRefusal(code);
  return { errors: [{ message, extensions: { code, ...extra } }] };
}
