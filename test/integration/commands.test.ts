/**
 * The commands of RUNTIME.md, run as a user runs them (child processes on a database of this
 * file's own): npm start's entry point, seed and token. The README's commands as written,
 * `npm run db:*` included, are readme-commands.test.ts.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { MeDocument } from '../generated/graphql';
import { TEST_JWT_SECRET } from '../support/api';
import { createDatabase } from '../support/database';
import { execute } from '../support/http';

let empty: Awaited<ReturnType<typeof createDatabase>>;
let database: DatabaseHandle;
const env = () => ({ ...process.env, DATABASE_URL: empty.url, JWT_SECRET: TEST_JWT_SECRET, PORT: '0', NODE_ENV: 'development' });
const run = (script: string, ...args: string[]) => promisify(execFile)('npx', ['tsx', script, ...args], { env: env() });

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
    // node --import tsx, not the tsx or npx wrappers, so that SIGTERM reaches the service itself.
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: env() });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready at (http:\/\/\S+)\/graphql/.exec(output);
        if (match) resolve(match[1]!);
      });
      server.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // With DATABASE_URL nothing is seeded: that is only the embedded default's first start.
    expect(await database.prisma.user.count()).toBe(0);
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('seed writes the data set its flags ask for, and token signs in one of its users', async () => {
    const { stdout } = await run('seed/cli.ts', '--users', '5', '--products', '4', '--orders', '30', '--seed', '9');
    expect(stdout).toContain('seeded 8 users, 4 products, 30 orders');
    expect(await database.prisma.order.count()).toBe(30);
    await expect(run('seed/cli.ts', '--orders', 'many')).rejects.toThrow(/--orders must be an integer/);

    const token = (await run('src/cli/token.ts', 'Alice@Example.com')).stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const { startServer } = await import('../../src/server');
    const server = await startServer(
      { host: '127.0.0.1', port: 0, production: false, jwtSecret: TEST_JWT_SECRET, reportTimeoutMs: 1_000 },
      database,
    );
    try {
      expect((await execute(server.url, MeDocument, {}, { token })).data?.me?.email).toBe('alice@example.com');
    } finally {
      await server.stop();
    }
    await expect(run('src/cli/token.ts', 'nobody@example.com')).rejects.toThrow(/no user with email/);
  });
});
