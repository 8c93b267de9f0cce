import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { urlForDatabase } from '../../src/db/connection-options';
import { startEmbeddedPostgres } from '../../src/db/embedded';
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
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1 || '%'", [prefix]);
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject) {
  const server = process.env.DATABASE_URL
    ? { url: urlForDatabase(process.env.DATABASE_URL, 'postgres'), stop: async () => {} }
    : await startEmbeddedPostgres({
        dataDir: path.join(tmpdir(), `order-service-test-${process.pid}-${Date.now()}`),
        persistent: false,
      });
  const runPrefix = `order_test_${process.pid}_${Date.now().toString(36)}_`;
  const templateDatabase = `${runPrefix}template`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(templateDatabase)}`);
  await admin.end();
  await applyMigrations(urlForDatabase(server.url, templateDatabase));

  project.provide('serverUrl', server.url);
  project.provide('templateDatabase', templateDatabase);
  project.provide('runPrefix', runPrefix);

  return async () => {
    await dropDatabasesWithPrefix(server.url, runPrefix);
    await server.stop();
  };
}
