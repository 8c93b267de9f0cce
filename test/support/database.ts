import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase as createServerDatabase, dropDatabase } from '../../src/db/admin';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { urlForDatabase } from '../../src/db/connection-options';

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
}

/** A new database on the test server: a copy of the migrated template, or empty. */
export async function createDatabase(options: { migrated: boolean }): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${inject('runPrefix')}${randomBytes(6).toString('hex')}`;
  const serverUrl = inject('serverUrl');
  await createServerDatabase(serverUrl, name, options.migrated ? inject('templateDatabase') : undefined);
  return {
    name,
    url: urlForDatabase(serverUrl, name),
    drop: () => dropDatabase(serverUrl, name),
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
