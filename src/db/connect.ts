import type { Config } from '../config';
import { openDatabase, type DatabaseHandle } from './client';
import { locateDatabase } from './locate';
import { applyPendingMigrations } from './migrations';
import { withReportReplica } from './replica';

export interface ConnectedDatabase extends DatabaseHandle {
  /** True on the embedded default (no DATABASE_URL): its first start seeds demo data. */
  embedded: boolean;
}

/**
 * Opens the service's database (see locateDatabase), applying pending migrations unless
 * `migrate` is false (read-only commands such as `token` and `report` leave the schema alone).
 */
export async function connectDatabase(config: Config, { migrate = true } = {}): Promise<ConnectedDatabase> {
  const location = await locateDatabase(config);
  if (migrate) await applyPendingMigrations(location.directUrl);
  const primary = openDatabase(location.url, config.databasePoolSize, config.databasePoolTimeoutMs);
  const { databaseReplicaUrl } = config;
  const handle = databaseReplicaUrl ? withReportReplica(primary, { ...config, databaseReplicaUrl }) : primary;
  return {
    ...handle,
    embedded: location.embedded,
    async close() {
      await handle.close();
      await location.stop();
    },
  };
}

/** For a command: opens the database as connectDatabase does, runs `use`, and closes it whatever happens. */
export async function withDatabase<T>(
  config: Config,
  options: { migrate?: boolean },
  use: (database: ConnectedDatabase) => Promise<T>,
): Promise<T> {
  const database = await connectDatabase(config, options);
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}
