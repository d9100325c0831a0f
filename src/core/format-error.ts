import { GraphQLFormattedError } from 'graphql';
import { ARGUMENT_NAME } from './argument-validation';
import { echo, ErrorCode } from './errors';
import { limitCodeOf, limitMessage } from './limits/refusals';
import { requestIdOf } from './limits/request-id';
import { classifyDatabaseError, serviceUnavailable } from './writes/database-errors';

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

/**
 * graphql-js words a bad variable as `Variable "$input" got invalid value { ...the whole value... }
 * at "input.x"; reason`: keep the variable, the path and the reason, not the value. The reason
 * may quote the value again (`Int cannot represent non-integer value: "…"`), as may a bad literal's
 * message: a quoted string there is cut to `echo`'s length.
 */
function withoutEchoedValue(message: string): string {
  const match = /^Variable "\$(\w+)" got invalid value [\s\S]*?(?: at "(\1[^"]*)")?; ([^;]*)$/.exec(
    message,
  );
  if (!match) return withShortQuotes(message);
  return `Variable "$${match[1]}" got an invalid value${match[2] ? ` at "${match[2]}"` : ''}; ${withShortQuotes(match[3])}`;
}

/**
 * Quoted strings (graphql-js quotes values as JSON does) longer than `echo` allows, cut to it, and
 * a quote left open cut the same way.
 */
function withShortQuotes(message: string): string {
  if (message.length <= 200) return message;
  let out = '';
  let from = 0;
  for (;;) {
    const open = message.indexOf('"', from);
    if (open < 0) return out + message.slice(from);
    let close = open + 1;
    while (close < message.length && message[close] !== '"')
      close += message[close] === '\\' ? 2 : 1;
    const inner = message.slice(open + 1, Math.min(close, message.length));
    out += message.slice(from, open + 1) + (inner.length > 80 ? echo(inner) : inner);
    if (close >= message.length) return out;
    out += '"';
    from = close + 1;
  }
}

function firstAtFault(issues: ValidationIssue[], prefix?: string): string | undefined {
  const issue = issues[0];
  if (!issue) return prefix;
  const path = prefix ? `${prefix}.${issue.property}` : issue.property;
  return issue.constraints || !issue.children?.length ? path : firstAtFault(issue.children, path);
}

function describe(issues: ValidationIssue[], prefix = ''): string[] {
  return issues.flatMap((i) => {
    const path = prefix ? `${prefix}.${i.property}` : i.property;
    return [
      ...Object.values(i.constraints ?? {}).map((c) => `${path}: ${c}`),
      ...describe(i.children ?? [], path),
    ];
  });
}

/**
 * Shapes every error a client sees: a code always, argument validation spelled out field by
 * field (without echoing the input back), and unexpected failures masked in production.
 */
export function formatError(production: boolean, log: (err: unknown, requestId?: string) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
    const validation = extensions.validationErrors as ValidationIssue[] | undefined;
    if (validation) {
      const argument = extensions[ARGUMENT_NAME] as string | undefined;
      const lines = describe(validation, argument);
      delete extensions.validationErrors;
      delete extensions[ARGUMENT_NAME];
      return {
        ...formatted,
        message: `Invalid arguments: ${lines.join('; ')}`,
        extensions: {
          ...extensions,
          code: ErrorCode.BAD_USER_INPUT,
          // the first input at fault, named as our own refusals name it ("input.name", "have")
          argument: firstAtFault(validation, argument),
          fields: validation.map((v) => v.property),
        },
      };
    }
    const limitCode = limitCodeOf(error, formatted.message);
    if (limitCode) {
      // A query limit (src/core/limits) that Apollo reports as a parse or validation failure.
      const message = limitMessage(limitCode, formatted.message);
      if (production) delete extensions.stacktrace;
      return { ...formatted, message, extensions: { ...extensions, code: limitCode } };
    }
    let code = (extensions.code as string | undefined) ?? ErrorCode.INTERNAL_SERVER_ERROR;
    // Apollo's own refusals of a malformed request (a persisted-query hash that does not match its
    // query...) come without a code but with a 4xx status: the client's fault, not ours.
    const status = (error as { extensions?: { http?: { status?: number } } } | null)?.extensions
      ?.http?.status;
    if (code === ErrorCode.INTERNAL_SERVER_ERROR && status && status >= 400 && status < 500)
      code = ErrorCode.BAD_REQUEST;
    // a read the database could not answer (unreachable, timed out): the service's state, not a bug
    const fault =
      code === ErrorCode.INTERNAL_SERVER_ERROR
        ? classifyDatabaseError((error as { originalError?: unknown })?.originalError ?? error)
        : null;
    if (fault?.kind === 'unavailable') {
      const refusal = serviceUnavailable(fault.reason);
      return {
        message: refusal.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason: fault.reason },
      };
    }
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
      // The request id ties the answer a client reports to the log line holding the real error.
      const requestId = requestIdOf(error);
      log(error, requestId);
      if (production) {
        return {
          message: 'Internal server error',
          locations: formatted.locations,
          path: formatted.path,
          extensions: { code, ...(requestId ? { requestId } : {}) },
        };
      }
      if (requestId) extensions.requestId = requestId;
    }
    if (production) {
      delete extensions.stacktrace;
      return {
        ...formatted,
        message: withoutEchoedValue(formatted.message),
        extensions: { ...extensions, code },
      };
    }
    return { ...formatted, extensions: { ...extensions, code } };
  };
}
