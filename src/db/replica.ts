import type { Config } from '../config';
import { openDatabase, type DatabaseHandle } from './client';

/**
 * `primary` with the revenue reports moved to a read replica (DATABASE_REPLICA_URL): reports
 * are long read-only scans that need not see the last second's orders; everything else
 * (checkout, lists, lookups, readiness) stays on the primary, which is always up to date.
 * The replica gets a pool of its own, of the same size and wait; its statements are observed
 * (and counted in /metrics) with the primary's.
 */
export function withReportReplica(
  primary: DatabaseHandle,
  config: Pick<Config, 'databaseReplicaUrl' | 'databasePoolSize' | 'databasePoolTimeoutMs'> & { databaseReplicaUrl: string },
): DatabaseHandle {
  const replica = openDatabase(config.databaseReplicaUrl, config.databasePoolSize, config.databasePoolTimeoutMs);
  return {
    ...primary,
    reports: replica.prisma,
    replicaPool: replica.pool,
    observeQueries(listener) {
      const stopPrimary = primary.observeQueries(listener);
      const stopReplica = replica.observeQueries(listener);
      return () => {
        stopPrimary();
        stopReplica();
      };
    },
    async close() {
      await Promise.all([primary.close(), replica.close()]);
    },
  };
}
