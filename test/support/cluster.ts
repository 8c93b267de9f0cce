/**
 * Throw-away PostgreSQL clusters for tests that need a server of their own (a streaming standby,
 * a low max_connections): Debian's PostgreSQL binaries, in a temporary directory, on a free port,
 * run as the postgres system user when the tests run as root (PostgreSQL refuses root).
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/ports';

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';

/** The newest installed Debian PostgreSQL's bin directory, if any (`.ci/run` has one). */
export const postgresBin: string | undefined = existsSync(POSTGRES_ROOT)
  ? readdirSync(POSTGRES_ROOT)
      .filter((version) => existsSync(path.join(POSTGRES_ROOT, version, 'bin/pg_basebackup')))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => path.join(POSTGRES_ROOT, version, 'bin'))[0]
  : undefined;

const asRoot = userInfo().uid === 0;
/** Runs one of PostgreSQL's programs (as the postgres user when we are root). */
async function pg(program: string, args: string[]) {
  const binary = path.join(postgresBin!, program);
  return asRoot ? run('runuser', ['-u', 'postgres', '--', binary, ...args]) : run(binary, args);
}

export interface Cluster {
  port: number;
  /** URL of `database` (default `postgres`) as the superuser `postgres`, over TCP. */
  url(database?: string): string;
  /** The server's log so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts a new cluster (initdb) or, with `standbyOf`, a streaming standby of that cluster
 * (`pg_basebackup -R`: it replays the primary's WAL and answers read-only queries).
 * `settings` are postgresql.conf parameters. Resolves once it accepts connections.
 */
export async function startCluster(options: { settings?: Record<string, string | number>; standbyOf?: Cluster } = {}): Promise<Cluster> {
  if (!postgresBin) throw new Error(`no PostgreSQL binaries under ${POSTGRES_ROOT} (apt-get install postgresql)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'cluster-'));
  if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout));
  const data = path.join(dir, 'data');
  const port = await freePort();
  if (options.standbyOf) {
    await pg('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(options.standbyOf.port),
      '-U',
      'postgres',
      '-D',
      data,
      '-R',
      '-X',
      'stream',
      '--checkpoint=fast',
      '--no-sync',
    ]);
  } else {
    await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  }
  const settings = { listen_addresses: '127.0.0.1', port, unix_socket_directories: dir, fsync: 'off', ...options.settings };
  const flags = Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
  await pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', flags, '-w', '-t', '60', 'start']);
  return {
    port,
    url: (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    log: () => readFileSync(path.join(dir, 'log'), 'utf8'),
    async stop() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
