/** npm start: read config, open the database (embedded by default), serve, shut down cleanly. */
import { loadConfig } from './config';
import { connectDatabase } from './db/connect';
import { startServer } from './server';
import { DEFAULT_SEED_OPTIONS } from '../seed/generate';
import { seedDemoData } from '../seed/seed';

async function main() {
  const config = loadConfig();
  const database = await connectDatabase(config);
  let seeded = true;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await server?.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  // The embedded default seeds a demo shop the first time, so that there is something to query.
  const firstStart = database.embedded && (await database.prisma.user.count()) === 0;
  seeded = !firstStart;
  server = await startServer(config, database.prisma, () => seeded);
  if (firstStart) {
    await seedDemoData(database.prisma, DEFAULT_SEED_OPTIONS);
    seeded = true;
    console.log('seeded the demo shop (admin@example.com, analyst@example.com, alice@example.com)');
  }
  console.log(`order service ready at ${server.url}/graphql`);
}

main().catch((error: unknown) => {
  console.error('failed to start:', error);
  process.exit(1);
});
