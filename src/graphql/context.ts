import type { Database, DatabaseHandle } from '../db/client';
import type { Reader } from '../db/reader';
import { authenticate, viewerOf } from './auth';
import type { Viewer } from '../services/viewer';
import { createLoaders, type Loaders } from './loaders';

/**
 * What every resolver receives: the database (Prisma for writes and reports, the reader for the
 * prepared hot reads), who is asking, and this request's loaders.
 */
export interface Context {
  db: Database;
  reader: Reader;
  /** What the revenue reports read: the read replica when DATABASE_REPLICA_URL is set, else `db`. */
  reportDb: Database;
  viewer: Viewer;
  loaders: Loaders;
  settings: ContextSettings;
}

export interface ContextSettings {
  jwtSecret: string;
  reportTimeoutMs: number;
}

/** Builds a request's context; a bad token fails the whole request with UNAUTHENTICATED. */
export async function createContext(
  database: Pick<DatabaseHandle, 'prisma' | 'reader'>,
  settings: ContextSettings,
  authorization: string | undefined,
  reportDb: Database = database.prisma,
): Promise<Context> {
  const user = await authenticate(database.reader, settings.jwtSecret, authorization);
  const loaders = createLoaders(database.reader);
  if (user) loaders.userById.prime(user.id, user); // `me` and the viewer's own orders need no second read
  return { db: database.prisma, reader: database.reader, reportDb, viewer: viewerOf(user), loaders, settings };
}
