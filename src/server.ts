import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Config } from './config';
import type { Database } from './db/client';
import { committedMigrations, pendingMigrations } from './db/migrations';
import type { Context } from './graphql/context';
import { buildSchema } from './graphql/schema';

export interface RunningServer {
  url: string;
  /** Stops accepting requests and waits for the ones in flight. */
  stop(): Promise<void>;
}

const READINESS_TIMEOUT_MS = 2_000;

async function isReady(db: Database, committed: string[]): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, READINESS_TIMEOUT_MS, false).unref());
  const check = pendingMigrations(db, committed).then((pending) => pending.length === 0);
  return Promise.race([check, timeout]).catch(() => false);
}

/**
 * Serves POST/GET /graphql, /healthz and /readyz on HOST:PORT. `isSeeded` lets the embedded
 * default report not-ready until its first seed is done.
 */
export async function startServer(
  config: Pick<Config, 'host' | 'port' | 'production'>,
  db: Database,
  isSeeded: () => boolean = () => true,
): Promise<RunningServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    introspection: !config.production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();
  const committed = await committedMigrations();

  app.get('/healthz', (_request, response) => {
    response.status(200).json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    const ready = isSeeded() && (await isReady(db, committed));
    response.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => ({ db }) }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
    stop: () => apollo.stop(),
  };
}
