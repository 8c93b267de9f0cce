/**
 * What the long-running server (server.ts) and the Lambda handler (lambda.ts) share: the schema,
 * error formatting, query limits, the request log and how a request's context is built. Each
 * adds only what belongs to its transport (draining an HTTP server, metrics).
 */
import type { ApolloServerOptionsWithGateway, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Config } from './config';
import type { DatabaseHandle } from './db/client';
import { createContext, type Context } from './graphql/context';
import { formatError, toContextError } from './graphql/errors';
import { compiledExecution, executionPlugins } from './graphql/execution';
import { queryLimits } from './graphql/limits';
import { buildSchema } from './graphql/schema';
import { serviceUnavailablePlugin } from './graphql/unavailable';
import { requestLogPlugin } from './logging/request-log';

const schema = buildSchema();

export type ApolloConfig = Pick<Config, 'production'>;

/**
 * Apollo Server's options for this API, plus the transport's own `plugins` and its landing page
 * (the server's explorer in development; none where nothing serves its assets, as in the Lambda).
 */
export function apolloOptions(
  config: ApolloConfig,
  { plugins = [], landingPage }: { plugins?: ApolloServerPlugin<Context>[]; landingPage?: ApolloServerPlugin } = {},
): ApolloServerOptionsWithGateway<Context> {
  const limits = queryLimits(config.production);
  return {
    // graphql-jit runs the operations (src/graphql/execution.ts); Apollo's only hook for that is `gateway`.
    gateway: compiledExecution(schema),
    introspection: !config.production,
    // The process owns SIGTERM/SIGINT (main.ts stops the server, then closes the database).
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatError(config.production),
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    plugins: [
      landingPage ?? ApolloServerPluginLandingPageDisabled(),
      ...limits.plugins,
      ...executionPlugins,
      ...plugins,
      serviceUnavailablePlugin,
      requestLogPlugin, // last: it logs the status the others settled on
    ],
  };
}

/** Builds a request's context from its Authorization header; a bad token fails as UNAUTHENTICATED. */
export function contextFactory(database: DatabaseHandle, config: Pick<Config, 'jwtSecret' | 'reportTimeoutMs'>) {
  const settings = { jwtSecret: config.jwtSecret, reportTimeoutMs: config.reportTimeoutMs };
  return (authorization: string | undefined): Promise<Context> =>
    createContext(database, settings, authorization, database.reports).catch((error: unknown) => {
      throw toContextError(error);
    });
}
