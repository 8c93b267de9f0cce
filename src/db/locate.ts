/**
 * Where the service's database is, without opening it: `npm run db:*` (src/cli/with-database.ts)
 * needs only this, so it runs before the Prisma client is generated (on a fresh clone). Also
 * where tests and benches get a server to create their databases on.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config';
import { urlForDatabase } from './connection-options';
import { ensureDatabase } from './admin';
import { startEmbeddedPostgres } from './embedded';
import { projectRoot } from '../project-root';

/** Where `npm start` keeps the embedded server's data, and the port it listens on. */
export const EMBEDDED_DATA_DIR = path.join(projectRoot, '.data/postgres');
const EMBEDDED_PORT = 54329;
const EMBEDDED_DATABASE = 'order_service';

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

export interface DatabaseServer {
  /** URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * A server on which tests and benches create databases of their own: DATABASE_URL's (its
 * `postgres` database) when given, else a throw-away embedded PostgreSQL, deleted when stopped.
 */
export async function scratchServer(label: string): Promise<DatabaseServer> {
  if (process.env.DATABASE_URL) return { url: urlForDatabase(process.env.DATABASE_URL, 'postgres'), stop: async () => {} };
  return startEmbeddedPostgres({ dataDir: path.join(tmpdir(), `${label}-${process.pid}-${Date.now()}`), persistent: false });
}
