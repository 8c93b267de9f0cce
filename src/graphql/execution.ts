/**
 * How operations execute, measured on the nested read (50 orders with their user, lines and
 * products; README "Performance"):
 * - compiled to JavaScript by graphql-jit, plugged into Apollo Server through its `gateway`
 *   option (the only hook for another executor). Each distinct operation is compiled once (Apollo
 *   caches parsed documents, so the same DocumentNode comes back for the same query text), then
 *   runs without graphql-js's per-field interpretation. Apollo's validation, error formatting and
 *   request plugins still run.
 * - without Apollo's cache-control plugin: as the only plugin with a willResolveField hook, it
 *   made Apollo wrap every field's resolver (default ones included) in a hook dispatcher. Its one
 *   visible effect, `cache-control: no-store` on answers, is kept by noStore.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Compiled operations per document, then per operation name; dropped with their documents. */
const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

function compiledFor(schema: GraphQLSchema, document: DocumentNode, operationName: string | null) {
  let byName = compiled.get(document);
  if (!byName) compiled.set(document, (byName = new Map()));
  let query = byName.get(operationName ?? '');
  if (!query) byName.set(operationName ?? '', (query = compileQuery(schema, document, operationName ?? undefined)));
  return query;
}

/**
 * graphql-jit's errors are its own GraphQLError look-alike, with read-only fields that plugins
 * (graphql-armor's suggestion masking) rewrite: graphql's own class, as graphql-js would give.
 */
function asGraphQLError(error: GraphQLError, extensions = error.extensions): GraphQLError {
  const copy = new GraphQLError(error.message, { path: error.path, originalError: error.originalError, extensions });
  Object.assign(copy, { locations: error.locations });
  return copy;
}

/** A `gateway` for ApolloServer that serves `schema` with graphql-jit. */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const executor: GatewayExecutor = async ({ document, request, context }) => {
    // The client's operationName, not the one Apollo resolved: when no operation has that name,
    // Apollo passes null, and compiling for null would run the document's only operation anyway.
    // graphql-jit refuses the unknown name instead, and Apollo answers OPERATION_RESOLUTION_FAILURE (400).
    const query = compiledFor(schema, document, request.operationName ?? null);
    if (!isCompiledQuery(query)) return { errors: query.errors!.map((error) => asGraphQLError(error)) }; // it cannot run
    const result = await query.query(undefined, context, request.variables ?? {});
    if (!('data' in result)) {
      // The variables could not be coerced: a client's mistake (graphql-js's errors carry the
      // variable's node, from which Apollo makes BAD_USER_INPUT and HTTP 400; jit's do not).
      return { errors: result.errors!.map((error) => asGraphQLError(error, { code: 'BAD_USER_INPUT' })) };
    }
    return result.errors ? { ...result, errors: result.errors.map((error) => asGraphQLError(error)) } : result;
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}

/** Answers are never cacheable (as Apollo's cache-control plugin says when no field allows it). */
const noStore: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

export const executionPlugins: ApolloServerPlugin[] = [ApolloServerPluginCacheControlDisabled(), noStore];
