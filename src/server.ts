import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { apolloOptions, contextFactory } from './apollo';
import type { Config } from './config';
import type { DatabaseHandle } from './db/client';
import { committedMigrations, pendingMigrations } from './db/migrations';
import { dashboardRouter } from './dashboard/router';
import { explorerAssets, explorerLandingPage } from './explorer';
import type { Context } from './graphql/context';
import { answerMalformedRequestsWithJson, jsonErrorHandler, notFound, requireJsonBody } from './http/errors';
import { httpDrain } from './http/drain';
import { logger as processLogger, type Logger } from './logging/logger';
import { reenterRequestScope, reenterRequestScopeOnError, requestLogging } from './logging/request-log';
import { createMetrics } from './metrics';

export interface RunningServer {
  url: string;
  /** Stops accepting requests and answers the ones in flight (10 s at most); see src/http/drain.ts. */
  stop(): Promise<void>;
}

export type ServerConfig = Pick<Config, 'host' | 'port' | 'production' | 'jwtSecret' | 'reportTimeoutMs'> & {
  /** Where request lines go; the process's logger unless given. */
  logger?: Logger;
};

const READINESS_TIMEOUT_MS = 2_000;
const BODY_LIMIT = '1mb';
const SHUTDOWN_GRACE_MS = 10_000;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

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
  // A request without Host is served (Node would answer an empty 400): no route here depends on it.
  const httpServer = http.createServer({ requireHostHeader: false }, app);
  const drain = httpDrain(httpServer);
  const metrics = createMetrics(database);
  const landingPage = config.production ? undefined : explorerLandingPage();
  const apollo = new ApolloServer<Context>(apolloOptions(config, { landingPage }));
  await apollo.start();
  const committed = await committedMigrations();
  const contextOf = contextFactory(database, config);

  app.disable('x-powered-by');
  app.use(requestLogging(config.logger ?? processLogger(), metrics.observeRequest), drain.middleware);
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
  if (!config.production) app.use(explorerAssets());
  app.use(dashboardRouter());
  app.use(
    '/graphql',
    requireJsonBody,
    express.json({ limit: BODY_LIMIT }),
    reenterRequestScope,
    expressMiddleware(apollo, { context: ({ req }) => contextOf(req.headers.authorization) }),
  );

  // Last: unknown paths and every error as JSON (never Express's HTML page).
  app.use(notFound, reenterRequestScopeOnError, jsonErrorHandler(BODY_LIMIT));
  answerMalformedRequestsWithJson(httpServer);
  // Idle keep-alive connections are closed by the client (or the load balancer, often at 60 s)
  // first, never by us while its next request is on the wire: that race resets the request.
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    async stop() {
      await drain.stop(SHUTDOWN_GRACE_MS);
      await apollo.stop();
      metrics.stop();
    },
  };
}
