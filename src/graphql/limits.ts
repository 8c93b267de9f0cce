/**
 * Query limits (graphql-armor): a rejected operation fails with QUERY_TOO_COMPLEX before it runs.
 * The values are listed in the README; change both together.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import { tooComplexErrors } from './errors';

export const QUERY_LIMITS = {
  maxDepth: 12,
  maxAliases: 15,
  maxCost: 5_000,
  maxTokens: 2_000,
  maxDirectives: 20,
} as const;

const markTooComplex = [(_: unknown, error: GraphQLError) => void tooComplexErrors.add(error)];

export function queryLimits(production: boolean) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, onReject: markTooComplex },
    maxAliases: { n: QUERY_LIMITS.maxAliases, onReject: markTooComplex },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true, onReject: markTooComplex },
    maxTokens: { n: QUERY_LIMITS.maxTokens, onReject: markTooComplex },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, onReject: markTooComplex },
    // Suggestions ("did you mean ...") describe the schema; production hides it like introspection.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { plugins, validationRules };
}
