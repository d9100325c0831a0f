import { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { ErrorCode } from '../errors';

/**
 * Refuses documents with a name (of an operation, fragment, variable, alias, field or argument)
 * longer than `maxLength` characters. Names key what the server keeps per document (compiled
 * queries, metrics labels, log lines): a 900 KB name must not be kept, or written, 1,000 times.
 */
export function nameLengthRule(maxLength: number): ValidationRule {
  return (context: ValidationContext) => ({
    Name(node) {
      if (node.value.length <= maxLength) return;
      context.reportError(
        new GraphQLError(
          `A name in the query is ${node.value.length} characters long ("${node.value.slice(0, 20)}..."); the limit is ${maxLength} (MAX_NAME_LENGTH)`,
          {
            nodes: [node],
            extensions: {
              code: ErrorCode.NAME_TOO_LONG,
              length: node.value.length,
              limit: maxLength,
            },
          },
        ),
      );
    },
  });
}
