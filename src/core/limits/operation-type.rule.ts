import { GraphQLError, ValidationContext, ValidationRule } from 'graphql';

/**
 * Refuses an operation whose type the schema lacks (a subscription, here). graphql-js 16 only
 * notices at execution, where it becomes an unexplained server error.
 */
export const operationTypeRule: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(
        new GraphQLError(`This API has no ${node.operation} operations`, { nodes: [node] }),
      );
    }
  },
});
