/**
 * CPU used by a database's PostgreSQL backends, read from /proc (PostgreSQL on this machine, as
 * the bench runs it). Beside the server's own CPU it gives the total cost of a request, which
 * is steadier than throughput when other work shares the machine: under contention the
 * scheduler gives B's many busy backends more CPU than the service's single thread.
 */
import pg from 'pg';
import { connectionOptions } from '../src/db/connection-options';
import { cpuMs } from './processes';

export interface BackendCpu {
  /** CPU ms used so far by the database's client backends (this watcher's own left out). */
  sample(): Promise<Map<number, number>>;
  close(): Promise<void>;
}

export async function watchBackends(url: string): Promise<BackendCpu> {
  const client = new pg.Client(connectionOptions(url));
  await client.connect();
  return {
    async sample() {
      const { rows } = await client.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
      );
      return new Map(rows.map(({ pid }) => [pid, cpuMs(pid)]));
    },
    close: () => client.end(),
  };
}

/** CPU ms the backends used between two samples (a backend that started in between counts whole). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
