/** npm start: read config, open the database (embedded by default), serve, shut down cleanly. */
import { loadConfig } from './config';
import { connectDatabase } from './db/connect';
import { limitHeapGrowth } from './heap';
import { startServer } from './server';

async function main() {
  const config = loadConfig();
  const database = await connectDatabase(config);

  // The embedded default seeds a demo shop the first time, so that there is something to query;
  // /readyz says 503 until it is done.
  let seeded = !(database.embedded && (await database.prisma.user.count()) === 0);
  const server = await startServer(config, database, () => seeded);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await server.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  if (!seeded) {
    // Loaded here only: the seed and faker cost about 0.2 s and 35 MB that other starts do not need.
    const [{ seedDemoData }, { DEFAULT_SEED_OPTIONS }] = await Promise.all([import('../seed/seed'), import('../seed/generate')]);
    await seedDemoData(database.prisma, DEFAULT_SEED_OPTIONS);
    seeded = true;
    console.log('seeded the demo shop (admin@example.com, analyst@example.com, alice@example.com)');
  }
  console.log(`order service ready at ${server.url}/graphql`);
  limitHeapGrowth();
}

main().catch((error: unknown) => {
  console.error('failed to start:', error);
  process.exit(1);
});
