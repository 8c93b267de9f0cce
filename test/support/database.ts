import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { urlForDatabase } from '../../src/db/connection-options';

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('serverUrl') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new database on the test server: a copy of the migrated template, or empty. */
export async function createDatabase(options: { migrated: boolean }): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${inject('runPrefix')}${randomBytes(6).toString('hex')}`;
  const template = options.migrated ? ` TEMPLATE ${pg.escapeIdentifier(inject('templateDatabase'))}` : '';
  await admin((client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${template}`));
  return {
    name,
    url: urlForDatabase(inject('serverUrl'), name),
    drop: async () => {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

/**
 * Gives the calling test file a migrated database of its own (and a PrismaClient on it),
 * created before its tests and dropped after them.
 */
export function useTestDatabase(poolSize = 10): TestDatabase {
  const database = {} as TestDatabase;
  let drop = async () => {};
  beforeAll(async () => {
    const created = await createDatabase({ migrated: true });
    drop = created.drop;
    Object.assign(database, openDatabase(created.url, poolSize), { url: created.url, name: created.name });
  });
  afterAll(async () => {
    await database.close?.();
    await drop();
  });
  return database;
}
