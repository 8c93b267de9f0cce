/**
 * The commands of RUNTIME.md, run as a user runs them (child processes on a database of this
 * file's own): npm start's entry point, seed and token. The README's commands as written,
 * `npm run db:*` included, are readme-commands.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { MeDocument } from '../generated/graphql';
import { runScript } from '../support/scripts';
import { serviceEnvironment, testServerConfig } from '../support/server';
import { startServiceProcess } from '../support/service-process';
import { createDatabase } from '../support/database';
import { execute } from '../support/http';

let empty: Awaited<ReturnType<typeof createDatabase>>;
let database: DatabaseHandle;
const run = (script: string, ...args: string[]) => runScript(script, args, serviceEnvironment(empty.url));

beforeAll(async () => {
  empty = await createDatabase({ migrated: false });
  database = openDatabase(empty.url, 2);
});
afterAll(async () => {
  await database.close();
  await empty.drop();
});

// Each test runs real commands as child processes (tsx compiling, Prisma's CLI): seconds on an idle
// machine, several times that on a busy one. The bound catches a hang, not slowness.
describe('commands', { timeout: 120_000 }, () => {
  it('npm start: migrates an empty DATABASE_URL, prints the URL when ready, stops cleanly on SIGTERM', async () => {
    const server = await startServiceProcess(empty.url);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // With DATABASE_URL nothing is seeded: that is only the embedded default's first start.
    expect(await database.prisma.user.count()).toBe(0);
    expect(await server.stop()).toBe(0);
  });

  it('seed writes the data set its flags ask for, and token signs in one of its users', async () => {
    const { stdout } = await run('seed/cli.ts', '--users', '5', '--products', '4', '--orders', '30', '--seed', '9');
    expect(stdout).toContain('seeded 8 users, 4 products, 30 orders');
    expect(await database.prisma.order.count()).toBe(30);
    await expect(run('seed/cli.ts', '--orders', 'many')).rejects.toThrow(/--orders must be an integer/);

    const token = (await run('src/cli/token.ts', 'Alice@Example.com')).stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const { startServer } = await import('../../src/server');
    const server = await startServer(testServerConfig(), database);
    try {
      expect((await execute(server.url, MeDocument, {}, { token })).data?.me?.email).toBe('alice@example.com');
    } finally {
      await server.stop();
    }
    await expect(run('src/cli/token.ts', 'nobody@example.com')).rejects.toThrow(/no user with email/);
  });
});
