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
// graphql-js 16.15 stops validating a document whose overlapping fields would take too long to
// compare (hundreds of fields of one name, within the token limit), with this message alone
const VALIDATION_BUDGET_MESSAGE = 'Validation aborted.';
// the parser recurses once per level of nested lists, objects and selections: a document nested
// a few thousand levels (within the token limit) runs it out of stack, caught as a parse failure
const PARSER_STACK_MESSAGE = /^(?:Syntax Error: )?Maximum call stack size exceeded/;

/**
 * The limit code behind an error Apollo reports as GRAPHQL_VALIDATION_FAILED or
 * GRAPHQL_PARSE_FAILED, or undefined when the error is not one of ours.
 */
export function limitCodeOf(error: unknown, message: string): ErrorCode | undefined {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  const code = original instanceof GraphQLError ? original.extensions?.code : undefined;
  if (typeof code === 'string' && VALIDATION_CODES.has(code)) return code as ErrorCode;
  if (TOKEN_LIMIT_MESSAGE.test(message)) return ErrorCode.TOO_MANY_TOKENS;
  if (message === VALIDATION_BUDGET_MESSAGE) return ErrorCode.QUERY_TOO_COMPLEX;
  if (PARSER_STACK_MESSAGE.test(message)) return ErrorCode.QUERY_TOO_DEEP;
  return undefined;
}

/** The message of a limit refusal that graphql-js worded (limitCodeOf), reworded for people. */
export function limitMessage(code: ErrorCode, message: string): string {
  if (code === ErrorCode.TOO_MANY_TOKENS) {
    const limit = TOKEN_LIMIT_MESSAGE.exec(message)?.[1];
    return `The query has more than ${limit} tokens (the limit, MAX_QUERY_TOKENS); it was not parsed`;
  }
  if (message === VALIDATION_BUDGET_MESSAGE)
    return 'The query repeats fields of the same name more than validation can compare them (graphql-js stops after a fixed amount of work); ask for each field once';
  if (PARSER_STACK_MESSAGE.test(message))
    return 'The query nests lists, objects or selections more deeply than it can be parsed; it was not parsed';
  return message;
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
