import { sqlState } from '../../db/errors';
import type { Database } from '../../db/client';
import { TRANSACTION_MAX_WAIT_MS, withRetries, type Transaction } from '../../db/transaction';
import { ServiceError } from '../errors';
import { requireRole, type Viewer } from '../viewer';

const QUERY_CANCELED = '57014';

export class ReportTimeoutError extends ServiceError {
  // Clients already handle "this request is too expensive": ask for a shorter range.
  readonly code = 'QUERY_TOO_COMPLEX';
  constructor(timeoutMs: number, elapsedMs: number) {
    // `cost` and `limit` as every QUERY_TOO_COMPLEX has them (RUNTIME.md), here in milliseconds.
    super(`The report took longer than ${timeoutMs / 1000} s; ask for a shorter range.`, {
      rule: 'reportTimeout',
      cost: Math.round(elapsedMs),
      limit: timeoutMs,
      timeoutMs,
    });
  }
}

/**
 * Runs a report query for an analyst or admin in a read-only transaction with a statement
 * timeout: a slow report fails cleanly instead of hanging the request.
 * @throws UNAUTHENTICATED, FORBIDDEN (not an analyst or admin); QUERY_TOO_COMPLEX (past the timeout).
 */
export async function runReport<T>(db: Database, viewer: Viewer, timeoutMs: number, query: (tx: Transaction) => Promise<T>): Promise<T> {
  requireRole(viewer, 'ANALYST', 'ADMIN');
  const started = performance.now();
  try {
    // Retried like any transaction: on a hot standby (DATABASE_REPLICA_URL) a report can be cancelled
    // by a conflict with recovery, which PostgreSQL reports as a serialization failure (40001).
    return await withRetries(() =>
      db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SET TRANSACTION READ ONLY`;
          await tx.$executeRaw`SELECT set_config('statement_timeout', ${String(timeoutMs)}, true)`;
          return query(tx);
        },
        { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: timeoutMs + 5_000 },
      ),
    );
  } catch (error) {
    if (sqlState(error) === QUERY_CANCELED) throw new ReportTimeoutError(timeoutMs, performance.now() - started);
    throw error;
  }
}
