/**
 * npm run build and `node dist/main.js` as RUNTIME.md promises them: the build serves the API
 * with plain Node (no tsx), migrating a new database on its first start.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { projectRoot } from '../../src/project-root';
import { ProductsDocument, ServiceVersionDocument } from '../generated/graphql';
import { dataOf } from '../support/api';
import { createDatabase } from '../support/database';
import { execute } from '../support/http';
import { runScript } from '../support/scripts';
import { startServiceProcess } from '../support/service-process';

// Built into a directory of this run's own, so that it never races a `npm run build` by hand.
const outdir = path.join(projectRoot, '.test-builds', randomBytes(4).toString('hex'));
let empty: Awaited<ReturnType<typeof createDatabase>>;

beforeAll(async () => {
  empty = await createDatabase({ migrated: false });
  await runScript('src/cli/build.ts', ['--outdir', outdir, '--entry', 'main']);
}, 120_000);
afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
  await empty?.drop();
});

// Real processes (the build, then the built service, twice): the bound catches hangs, not slowness.
describe('node dist/main.js', { timeout: 120_000 }, () => {
  it('migrates an empty database, serves GraphQL and readiness, and stops cleanly on SIGTERM; a second start reuses the schema', async () => {
    for (const start of ['first', 'second']) {
      const server = await startServiceProcess(empty.url, {}, [path.join(outdir, 'main.js')]);
      const { url } = server;
      expect((await fetch(`${url}/readyz`)).status, start).toBe(200);
      expect(dataOf(await execute(url, ServiceVersionDocument)).version).toEqual(expect.any(String));
      const database = openDatabase(empty.url, 1);
      await database.prisma.product.create({ data: { sku: `BUILT-${start.toUpperCase()}`, name: 'Built', price: '1.50', stock: 1 } });
      await database.close();
      const products = dataOf(await execute(url, ProductsDocument, { first: 5 })).products;
      expect(products.edges.map((edge) => edge.node.price)).toContain('1.50');
      expect(await server.stop()).toBe(0);
    }
  });
});
