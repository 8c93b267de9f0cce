/**
 * Short-lived connections for administration: creating and dropping databases, a one-off
 * statement. The service's own queries go through its pool (client.ts), never through these.
 */
import pg from 'pg';
import { connectionOptions } from './connection-options';

/** Runs `run` on a new connection to `url`, and closes it whatever happens. */
export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(connectionOptions(url));
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates a database on `serverUrl`'s server: empty, or a copy of `template`. */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const copy = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : '';
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${copy}`));
}

/** Creates the database unless it exists (an embedded server starts with `postgres` only). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  });
}

/** Drops the database if it exists, closing the connections still open to it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}
