import { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';

interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

function describe(issues: ValidationIssue[], prefix = ''): string[] {
  return issues.flatMap((i) => {
    const path = prefix ? `${prefix}.${i.property}` : i.property;
    return [...Object.values(i.constraints ?? {}).map((c) => `${path}: ${c}`), ...describe(i.children ?? [], path)];
  });
}

/**
 * Shapes every error a client sees: a code always, argument validation spelled out field by
 * field (without echoing the input back), and unexpected failures masked in production.
 */
export function formatError(production: boolean, log: (err: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
    const validation = extensions.validationErrors as ValidationIssue[] | undefined;
    if (validation) {
      const lines = describe(validation);
      delete extensions.validationErrors;
      return {
        ...formatted,
        message: `Invalid arguments: ${lines.join('; ')}`,
        extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, fields: validation.map((v) => v.property) },
      };
    }
    const code = (extensions.code as string | undefined) ?? ErrorCode.INTERNAL_SERVER_ERROR;
    if (code === ErrorCode.INTERNAL_SERVER_ERROR) {
      log(error);
      if (production) {
        return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code } };
      }
    }
    if (production) delete extensions.stacktrace;
    return { ...formatted, extensions: { ...extensions, code } };
  };
}
