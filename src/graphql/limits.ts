/**
 * Query limits (graphql-armor): a rejected operation fails with QUERY_TOO_COMPLEX before it runs.
 * The values are listed in the README; change both together.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import { tooComplexErrors } from './errors';

export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxCost: 5_000,
  maxTokens: 2_000,
  maxDirectives: 20,
} as const;

/**
 * Reports a rejection as a validation error that formatError turns into QUERY_TOO_COMPLEX.
 * (graphql-armor's own reporter says BAD_USER_INPUT, which Apollo then overwrites anyway.)
 */
const reportTooComplex = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => {
      const reported = new GraphQLError(error.message);
      tooComplexErrors.add(reported);
      context?.reportError(reported);
    },
  ],
};

export function queryLimits(production: boolean) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, ...reportTooComplex },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...reportTooComplex },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true, ...reportTooComplex },
    maxTokens: { n: QUERY_LIMITS.maxTokens, ...reportTooComplex },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...reportTooComplex },
    // Suggestions ("did you mean ...") describe the schema; production hides it like introspection.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { plugins, validationRules };
}
