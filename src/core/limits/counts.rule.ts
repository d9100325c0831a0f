import { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { ErrorCode } from '../errors';

/**
 * Refuses documents with more than `maxAliases` aliased fields or more than `maxDirectives`
 * directives (0 turns either check off): the cheap floods that multiply work without nesting.
 */
export function countLimitRule(maxAliases: number, maxDirectives: number): ValidationRule {
  return (context: ValidationContext) => {
    let aliases = 0;
    let directives = 0;
    return {
      Field(node) {
        if (node.alias) aliases += 1;
      },
      Directive() {
        directives += 1;
      },
      Document: {
        leave(document) {
          if (maxAliases > 0 && aliases > maxAliases) {
            context.reportError(
              new GraphQLError(
                `The query has ${aliases} aliases; the limit is ${maxAliases} (MAX_QUERY_ALIASES)`,
                {
                  nodes: [document],
                  extensions: {
                    code: ErrorCode.TOO_MANY_ALIASES,
                    count: aliases,
                    limit: maxAliases,
                  },
                },
              ),
            );
          }
          if (maxDirectives > 0 && directives > maxDirectives) {
            context.reportError(
              new GraphQLError(
                `The query has ${directives} directives; the limit is ${maxDirectives} (MAX_QUERY_DIRECTIVES)`,
                {
                  nodes: [document],
                  extensions: {
                    code: ErrorCode.TOO_MANY_DIRECTIVES,
                    count: directives,
                    limit: maxDirectives,
                  },
                },
              ),
            );
          }
        },
      },
    };
  };
}
