import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { connectionOptions } from '../../src/db/connection-options';
import { freePort, waitForPort } from '../../src/ports';

/** Server connections per database/user pair: the most PostgreSQL sees from this PgBouncer. */
export const PGBOUNCER_POOL_SIZE = 4;

/** Whether this machine has PgBouncer (`.ci/run` installs it; `apt-get install pgbouncer`). */
export const hasPgbouncer = spawnSync('pgbouncer', ['--version']).status === 0;

/**
 * A PgBouncer in transaction pooling mode in front of `url`'s database, as operators deploy it;
 * its URL says `pgbouncer=true`, as README asks of PgBouncer before 1.21 (no prepared statements).
 */
export async function startPgbouncer(url: string): Promise<{ url: string; stop(): Promise<void> }> {
  const target = connectionOptions(url);
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'pgbouncer-'));
  chmodSync(dir, 0o755);
  const password = target.password ? ` password=${target.password}` : '';
  writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `shop = host=${target.host} port=${target.port} dbname=${target.database} user=${target.user}${password}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = any',
      'pool_mode = transaction',
      `default_pool_size = ${PGBOUNCER_POOL_SIZE}`,
      'max_client_conn = 500',
      'ignore_startup_parameters = extra_float_digits,options',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root; -u makes it drop to the postgres system user.
  const asRoot = userInfo().uid === 0 ? ['-u', 'postgres'] : [];
  const child = spawn('pgbouncer', [...asRoot, path.join(dir, 'pgbouncer.ini')], { stdio: 'ignore' });
  await waitForPort(port);
  return {
    url: `postgresql://${target.user}@127.0.0.1:${port}/shop?pgbouncer=true`,
    async stop() {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
