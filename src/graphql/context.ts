import type { Database } from '../db/client';

/** What every resolver receives: the database and, later, the viewer and per-request loaders. */
export interface Context {
  db: Database;
}
