import type { TestProject } from 'vitest/node';
import { urlForDatabase } from '../../src/db/connection-options';
import { createDatabase, dropDatabase, withClient } from '../../src/db/admin';
import { scratchServer } from '../../src/db/locate';
import { applyMigrations } from '../../src/db/migrations';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server the tests may create databases on (its `postgres` database). */
    serverUrl: string;
    /** A migrated, empty database to copy: CREATE DATABASE ... TEMPLATE it. */
    templateDatabase: string;
    /** Prefix of every database this run creates, so that teardown finds them all. */
    runPrefix: string;
  }
}

async function dropDatabasesWithPrefix(serverUrl: string, prefix: string) {
  const { rows } = await withClient(serverUrl, (admin) =>
    admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1 || '%'", [prefix]),
  );
  for (const { datname } of rows) await dropDatabase(serverUrl, datname);
}

export default async function setup(project: TestProject) {
  const server = await scratchServer('order-service-test');
  const runPrefix = `order_test_${process.pid}_${Date.now().toString(36)}_`;
  const templateDatabase = `${runPrefix}template`;
  await createDatabase(server.url, templateDatabase);
  await applyMigrations(urlForDatabase(server.url, templateDatabase));

  project.provide('serverUrl', server.url);
  project.provide('templateDatabase', templateDatabase);
  project.provide('runPrefix', runPrefix);

  return async () => {
    await dropDatabasesWithPrefix(server.url, runPrefix);
    await server.stop();
  };
}
