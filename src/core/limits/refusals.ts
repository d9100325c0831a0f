import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';
import { recordError, recordRateLimitRefusal } from '../metrics';

/** The refusals of the query limits, the rate limit and the transport rules (counted apart in the metrics). */
export const LIMIT_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.TOO_MANY_TOKENS,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.RATE_LIMITED,
  ErrorCode.BATCHING_DISABLED,
  ErrorCode.BATCH_TOO_LARGE,
  ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ErrorCode.FORBIDDEN_OPERATION,
  ErrorCode.NAME_TOO_LONG,
]);

/** Codes of limits checked during validation: Apollo relabels those errors, formatError restores them. */
const VALIDATION_CODES = new Set<string>([
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.NAME_TOO_LONG,
]);

// graphql-js 16 words it "more that N tokens" (sic); accept the corrected wording too.
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * The limit code behind an error Apollo reports as GRAPHQL_VALIDATION_FAILED or
 * GRAPHQL_PARSE_FAILED, or undefined when the error is not one of ours.
 */
export function limitCodeOf(error: unknown, message: string): ErrorCode | undefined {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  const code = original instanceof GraphQLError ? original.extensions?.code : undefined;
  if (typeof code === 'string' && VALIDATION_CODES.has(code)) return code as ErrorCode;
  if (TOKEN_LIMIT_MESSAGE.test(message)) return ErrorCode.TOO_MANY_TOKENS;
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
export function errorBody(message: string, code: ErrorCode, extra: Record<string, unknown> = {}) {
  recordError(code);
  if (LIMIT_CODES.has(code)) recordRateLimitRefusal(code);
  return { errors: [{ message, extensions: { code, ...extra } }] };
}
