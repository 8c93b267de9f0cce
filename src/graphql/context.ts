import type { Database } from '../db/client';
import { authenticate, viewerOf } from '../services/auth';
import type { Viewer } from '../services/viewer';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver receives: the database, who is asking, and this request's loaders. */
export interface Context {
  db: Database;
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
  db: Database,
  settings: ContextSettings,
  authorization: string | undefined,
  reportDb: Database = db,
): Promise<Context> {
  const user = await authenticate(db, settings.jwtSecret, authorization);
  const loaders = createLoaders(db);
  if (user) loaders.userById.prime(user.id, user); // `me` and the viewer's own orders need no second read
  return { db, reportDb, viewer: viewerOf(user), loaders, settings };
}
