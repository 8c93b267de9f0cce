import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Config } from './config';
import type { DatabaseHandle } from './db/client';
import { committedMigrations, pendingMigrations } from './db/migrations';
import { createContext, type Context } from './graphql/context';
import { formatError, toContextError } from './graphql/errors';
import { compiledExecution, executionPlugins } from './graphql/execution';
import { queryLimits } from './graphql/limits';
import { buildSchema } from './graphql/schema';
import { createMetrics } from './metrics';

export interface RunningServer {
  url: string;
  /** Stops accepting requests and waits for the ones in flight. */
  stop(): Promise<void>;
}

export type ServerConfig = Pick<Config, 'host' | 'port' | 'production' | 'jwtSecret' | 'reportTimeoutMs'>;

const READINESS_TIMEOUT_MS = 2_000;
const schema = buildSchema();

async function isReady(db: DatabaseHandle['pool'], committed: string[]): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, READINESS_TIMEOUT_MS, false).unref());
  const check = pendingMigrations(db, committed).then((pending) => pending.length === 0);
  return Promise.race([check, timeout]).catch(() => false);
}

/**
 * Serves POST/GET /graphql, /healthz, /readyz and /metrics on HOST:PORT. `isSeeded` lets the
 * embedded default report not-ready until its first seed is done.
 */
export async function startServer(
  config: ServerConfig,
  database: DatabaseHandle,
  isSeeded: () => boolean = () => true,
): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const metrics = createMetrics(database);
  const limits = queryLimits(config.production);
  const apollo = new ApolloServer<Context>({
    gateway: compiledExecution(schema),
    introspection: !config.production,
    // main.ts owns SIGTERM/SIGINT: it stops this server, then closes the database.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatError(config.production),
    validationRules: limits.validationRules,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...limits.plugins,
      ...executionPlugins,
      metrics.apolloPlugin,
    ],
  });
  await apollo.start();
  const committed = await committedMigrations();
  const settings = { jwtSecret: config.jwtSecret, reportTimeoutMs: config.reportTimeoutMs };

  app.disable('x-powered-by');
  app.get('/healthz', (_request, response) => {
    response.status(200).json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    const ready = isSeeded() && (await isReady(database.pool, committed));
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  app.get('/metrics', async (_request, response) => {
    response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: ({ req }) => createContext(database, settings, req.headers.authorization).catch((error: unknown) => {
        throw toContextError(error);
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    async stop() {
      await apollo.stop(); // waits for requests in flight (10 s at most)
      metrics.stop();
    },
  };
}
