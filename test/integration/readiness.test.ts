import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { startServer } from '../../src/server';
import { ServiceVersionDocument } from '../generated/graphql';
import { createDatabase } from '../support/database';
import { execute, status } from '../support/http';
import { testServerConfig } from '../support/server';

const local = testServerConfig();

describe('/graphql, /healthz and /readyz', () => {
  it('serve GraphQL and report ready on a migrated database, and 503 once the database is unreachable', async () => {
    const created = await createDatabase({ migrated: true });
    const database = openDatabase(created.url, 2);
    const server = await startServer(local, database);
    try {
      expect(await status(`${server.url}/readyz`)).toBe(200);
      expect((await execute(server.url, ServiceVersionDocument)).data).toEqual({ version: expect.any(String) });
      // GET serves queries (Apollo's CSRF guard wants a non-simple header) and never mutations.
      const get = (query: string) =>
        fetch(`${server.url}/graphql?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(await (await get('{ version }')).json()).toEqual({ data: { version: expect.any(String) } });
      expect((await get('mutation { deleteProduct(id: "x") { id } }')).status).toBe(405);
      await created.drop(); // terminates the pool's connections; new ones find no database
      expect(await status(`${server.url}/readyz`)).toBe(503);
      expect(await status(`${server.url}/healthz`)).toBe(200);
    } finally {
      await server.stop();
      await database.close();
    }
  });

  it('report 503 while migrations are pending, and until the first seed is done', async () => {
    const empty = await createDatabase({ migrated: false });
    const database = openDatabase(empty.url, 2);
    const server = await startServer(local, database);
    const migrated = await createDatabase({ migrated: true });
    const seeding = openDatabase(migrated.url, 2);
    let seeded = false;
    const seedingServer = await startServer(local, seeding, () => seeded);
    try {
      expect(await status(`${server.url}/readyz`)).toBe(503);
      expect(await status(`${seedingServer.url}/readyz`)).toBe(503);
      seeded = true;
      expect(await status(`${seedingServer.url}/readyz`)).toBe(200);
    } finally {
      await Promise.all([server.stop(), seedingServer.stop()]);
      await Promise.all([database.close(), seeding.close()]);
      await Promise.all([empty.drop(), migrated.drop()]);
    }
  });
});
