import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * An operation whose root type the schema lacks (this API has no subscriptions) is a validation
 * error (400), as graphql-js 17's KnownOperationTypesRule makes it, not an execution failure.
 */
export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  return {
    OperationDefinition(node) {
      if (!schema.getRootType(node.operation)) {
        context.reportError(new GraphQLError(`This API does not support ${node.operation} operations.`, { nodes: node }));
      }
    },
  };
}
