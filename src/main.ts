/** npm start: read config, open the database (embedded by default), serve, shut down cleanly. */
import { loadConfig } from './config';
import { connectDatabase } from './db/connect';
import { createLogger, logger, setProcessLogger } from './logging/logger';
import { limitHeapGrowth } from './heap';
import { startServer } from './server';

const SHUTDOWN_DEADLINE_MS = 20_000;

async function main() {
  const config = loadConfig();
  setProcessLogger(createLogger(config.logLevel));
  const database = await connectDatabase(config);

  // The embedded default seeds a demo shop the first time, so that there is something to query;
  // /readyz says 503 until it is done.
  let seeded = !(database.embedded && (await database.prisma.user.count()) === 0);
  const server = await startServer(config, database, () => seeded);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info({ signal }, 'shutting down');
    // server.stop() answers what it accepted (10 s at most), close() waits for open transactions (5 s).
    setTimeout(() => (logger().error('shutdown overran; exiting'), process.exit(1)), SHUTDOWN_DEADLINE_MS).unref();
    await server.stop();
    await database.close();
    logger().info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  if (!seeded) {
    // Loaded here only: the seed and faker cost about 0.2 s and 35 MB that other starts do not need.
    const [{ seedDemoData }, { DEFAULT_SEED_OPTIONS }] = await Promise.all([import('../seed/seed'), import('../seed/generate')]);
    await seedDemoData(database.prisma, DEFAULT_SEED_OPTIONS);
    seeded = true;
    logger().info('seeded the demo shop (admin@example.com, analyst@example.com, alice@example.com)');
  }
  logger().info({ url: `${server.url}/graphql` }, `order service ready at ${server.url}/graphql`);
  limitHeapGrowth();
}

main().catch((error: unknown) => {
  logger().fatal({ err: error }, 'failed to start');
  process.exit(1);
});
