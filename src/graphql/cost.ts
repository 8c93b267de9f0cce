/**
 * Query cost, page-size aware: what an operation costs is the most objects it can return, known
 * once its variables are (so `first: $n` counts as n), before anything runs.
 *
 * - an object costs 1, plus what is selected under it;
 * - a connection costs 1 plus `first` times the cost of one of its nodes (`first` is its default
 *   when omitted, the variable's value when given by one; clamped to 0-100 so that an out-of-range
 *   page size is the resolver's BAD_USER_INPUT, not a cost); edges, cursors, pageInfo and
 *   totalCount add nothing of their own;
 * - a list without page arguments counts its bound (`Order.items`: up to 100 lines);
 * - scalars, `__typename` and introspection cost nothing.
 *
 * graphql-query-complexity walks the operation (fragments, @skip/@include, interfaces); the
 * estimator below is the whole model.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import {
  getNamedType,
  getVariableValues,
  GraphQLError,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { MAX_LINES } from '../services/checkout';
import { MAX_PAGE_SIZE } from '../services/pagination';
import { MAX_DAYS, MAX_TOP_PRODUCTS } from '../services/reports';

type Args = Record<string, unknown>;

/** How many items each list field without page arguments can return, at most. */
const LIST_BOUNDS: Record<string, (args: Args) => number> = {
  'Order.items': () => MAX_LINES,
  'Query.revenueByMonth': () => 12,
  'Query.revenueByDay': () => MAX_DAYS,
  'Query.topProducts': (args) => clamp(args.limit, 1, MAX_TOP_PRODUCTS),
};

/** Fields of a connection that describe the page, not its items. */
const PAGE_FIELDS = new Set(['pageInfo', 'totalCount']);

function clamp(value: unknown, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), min), max) : max;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = GraphQLField<any, any>;

const isConnection = (field: AnyField) =>
  getNamedType(field.type).name.endsWith('Connection') && field.args.some((arg) => arg.name === 'first');

function pageSize(field: AnyField, args: Args): number {
  if (typeof args.first === 'number') return clamp(args.first, 0, MAX_PAGE_SIZE);
  // `first: null` means the default page size, as in the resolvers.
  const fallback = field.args.find((arg) => arg.name === 'first')?.defaultValue;
  return clamp(fallback, 0, MAX_PAGE_SIZE);
}

const isListOfObjects = (field: AnyField) => isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type));

function estimate({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  if (type.name.startsWith('__') || field.name.startsWith('__')) return 0; // introspection, __typename
  if (!isCompositeType(getNamedType(field.type))) return 0; // scalars and enums are part of their object
  if (isConnection(field)) return 1 + pageSize(field, args) * childComplexity;
  // A connection's edges: one item each, the edge and its node counted as one object.
  if (type.name.endsWith('Connection')) return PAGE_FIELDS.has(field.name) ? 0 : Math.max(1, childComplexity);
  const bound = LIST_BOUNDS[`${type.name}.${field.name}`];
  if (bound) return bound(args) * (1 + childComplexity);
  return 1 + childComplexity;
}

/**
 * Refuses to start with a list field the model has no bound for: a new list must say how long
 * it can be (LIST_BOUNDS) or be a connection.
 */
export function assertEveryListBounded(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection')) continue;
    for (const field of Object.values(type.getFields())) {
      if (isListOfObjects(field) && !LIST_BOUNDS[`${type.name}.${field.name}`]) {
        throw new Error(`Query cost: ${type.name}.${field.name} is a list without a bound (src/graphql/cost.ts LIST_BOUNDS).`);
      }
    }
  }
}

/**
 * The cost of the operation `operationName` (the document's only one when null) with these
 * variables. Throws graphql-query-complexity's GraphQLError when the variables do not fit the
 * operation (execution reports those) or when it has more than `maxSelections` selections,
 * fragments spread (each spread counts anew: fragments can make a small document expand exponentially).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
  maxSelections = Infinity,
): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    ...(operationName ? { operationName } : {}),
    estimators: [estimate],
    maxQueryNodes: maxSelections + 1, // it refuses at its limit, not past it
  });
}

/** A QUERY_TOO_COMPLEX refusal, answered with HTTP 400 before anything runs. */
export function queryTooComplex(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extensions, http: { status: 400 } } });
}

/**
 * Why an operation with these variables is refused before it runs, or undefined: it expands to
 * more than `maxSelections` selections, or costs more than `maxCost` (QUERY_TOO_COMPLEX with
 * `rule`, `cost` and `limit`, as RUNTIME.md promises). Pure: no server, no database.
 */
export function costRefusal(
  limits: { maxCost: number; maxSelections: number },
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | null | undefined,
): GraphQLError | undefined {
  const { maxCost, maxSelections } = limits;
  let cost: number;
  try {
    cost = operationCost(schema, document, variables, operationName, maxSelections);
  } catch {
    return queryTooComplex(
      `This operation expands to more than ${maxSelections} selections once its fragments are spread. ` +
        'Spread each fragment fewer times, or split the operation.',
      // Counting stops one past the limit: `cost` is that count, on this rule's scale.
      { rule: 'selections', cost: maxSelections + 1, limit: maxSelections },
    );
  }
  if (cost <= maxCost) return undefined;
  return queryTooComplex(
    `This operation could return up to ${cost} objects (its cost); the limit is ${maxCost}. ` +
      'Ask for smaller pages (first), fewer nested lists or fewer aliases, or split it into several operations.',
    { rule: 'cost', cost, limit: maxCost },
  );
}

/**
 * Refuses (costRefusal) an operation once its variables are known and before it runs.
 * Operations whose variables do not fit are left to execution, which refuses them
 * (BAD_USER_INPUT) before running anything either.
 */
export function costLimitPlugin(limits: { maxCost: number; maxSelections: number }): ApolloServerPlugin {
  return {
    async serverWillStart({ schema }) {
      assertEveryListBounded(schema);
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, operationName, schema }) {
          if (!operation) return;
          const variables = request.variables ?? {};
          if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return;
          const refusal = costRefusal(limits, schema, document, variables, operationName);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
