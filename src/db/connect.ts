import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config';
import { openDatabase, type DatabaseHandle } from './client';
import { urlForDatabase } from './connection-options';
import { ensureDatabase, startEmbeddedPostgres } from './embedded';
import { applyPendingMigrations } from './migrations';
import { projectRoot } from '../project-root';

/** Where `npm start` keeps the embedded server's data, and the port it listens on. */
export const EMBEDDED_DATA_DIR = path.join(projectRoot, '.data/postgres');
const EMBEDDED_PORT = 54329;
const EMBEDDED_DATABASE = 'order_service';

export interface ConnectedDatabase extends DatabaseHandle {
  /** True on the embedded default (no DATABASE_URL): its first start seeds demo data. */
  embedded: boolean;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface DatabaseLocation {
  url: string;
  directUrl: string;
  embedded: boolean;
  /** Stops the embedded server if this process started it. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when given; else the embedded PostgreSQL under `.data/`, started here or reused
 * when another command (such as `npm start`) already runs it.
 */
export async function locateDatabase(config: Config): Promise<DatabaseLocation> {
  if (config.databaseUrl) {
    const directUrl = config.directDatabaseUrl ?? config.databaseUrl;
    return { url: config.databaseUrl, directUrl, embedded: false, stop: async () => {} };
  }
  const runningUrl = `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_PORT}/postgres`;
  const server = (await answers(runningUrl))
    ? { url: runningUrl, stop: async () => {} } // another command owns it and stops it
    : await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, persistent: true, port: EMBEDDED_PORT });
  await ensureDatabase(server.url, EMBEDDED_DATABASE);
  const url = urlForDatabase(server.url, EMBEDDED_DATABASE);
  return { url, directUrl: url, embedded: true, stop: server.stop };
}

/**
 * Opens the service's database (see locateDatabase), applying pending migrations unless
 * `migrate` is false (read-only commands such as `token` and `report` leave the schema alone).
 */
export async function connectDatabase(config: Config, { migrate = true } = {}): Promise<ConnectedDatabase> {
  const location = await locateDatabase(config);
  if (migrate) await applyPendingMigrations(location.directUrl);
  const handle = openDatabase(location.url, config.databasePoolSize, config.databasePoolTimeoutMs);
  return {
    ...handle,
    embedded: location.embedded,
    async close() {
      await handle.close();
      await location.stop();
    },
  };
}
