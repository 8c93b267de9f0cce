/**
 * What an operation must satisfy before anything runs: at most `maxTokens` tokens (checked while
 * parsing: GRAPHQL_PARSE_FAILED), a known operation type (no subscriptions), depth, aliases and
 * directives within their limits (graphql-armor's validation rules), a page-size-aware cost
 * within `maxCost` (src/graphql/cost.ts), and only strings PostgreSQL can store.
 * Limits refuse with QUERY_TOO_COMPLEX (HTTP 400). The values are listed in the README; change both together.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import { costLimitPlugin } from './cost';
import { storableStringsPlugin } from './input-strings';
import { KnownOperationTypesRule } from './operation-types';

export const QUERY_LIMITS = {
  maxDepth: 12,
  /** Counted on every field, `__typename` included. */
  maxAliases: 15,
  maxDirectives: 20,
  /** Keeps nesting in a document (1 token a level at least) far from the call stack's limit (~2,000 levels). */
  maxTokens: 1_000,
  /** Most objects an operation can return (see cost.ts): twice the users(first: 50) page of the README. */
  maxCost: 50_000,
  /** Fields and fragment spreads once fragments are spread, each spread anew. */
  maxSelections: 10_000,
} as const;

/**
 * Reports one of graphql-armor's rejections as a validation error that formatError answers as
 * QUERY_TOO_COMPLEX with `rule`, `cost` and `limit` (RUNTIME.md), without armor's misleading
 * "Syntax Error: " prefix. `cost` is what the operation measures on the rule's scale (its depth,
 * aliases or directives): armor says it in its message ("..., found 13.").
 */
function reportTooComplex(rule: string, limit: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const message = `${error.message.replace(/^Syntax Error: /, '')} Split the operation into smaller ones.`;
        const cost = Number(/found (\d+)/.exec(error.message)?.[1] ?? limit + 1);
        context?.reportError(new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', rule, cost, limit } }));
      },
    ],
  };
}

export function queryLimits(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, ...reportTooComplex('depth', QUERY_LIMITS.maxDepth) },
    maxAliases: { n: QUERY_LIMITS.maxAliases, allowList: [], ...reportTooComplex('aliases', QUERY_LIMITS.maxAliases) },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...reportTooComplex('directives', QUERY_LIMITS.maxDirectives) },
    // Armor's cost model ignores page sizes given by variables, and its token limit re-parses
    // the document and turns syntax errors into 500s: cost.ts and parseOptions replace them.
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    // Suggestions ("did you mean ...") describe the schema; production hides it like introspection.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: [KnownOperationTypesRule, ...armor.validationRules],
    plugins: [...armor.plugins, storableStringsPlugin, costLimitPlugin(QUERY_LIMITS)],
  };
}
