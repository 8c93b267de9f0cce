import type { Config } from '../config';
import { openDatabase, type DatabaseHandle } from './client';

/**
 * `primary` with the revenue reports moved to a read replica (DATABASE_REPLICA_URL): reports
 * are long read-only scans that need not see the last second's orders; everything else
 * (checkout, lists, lookups, readiness) stays on the primary, which is always up to date.
 * The replica gets a pool of its own, of the same size and wait.
 */
export function withReportReplica(
  primary: DatabaseHandle,
  config: Pick<Config, 'databaseReplicaUrl' | 'databasePoolSize' | 'databasePoolTimeoutMs'> & { databaseReplicaUrl: string },
): DatabaseHandle {
  const replica = openDatabase(config.databaseReplicaUrl, config.databasePoolSize, config.databasePoolTimeoutMs);
  return {
    ...primary,
    reports: replica.prisma,
    async close() {
      await Promise.all([primary.close(), replica.close()]);
    },
  };
}
