import { MAX_POOL_TIMEOUT_MS } from '../config';
import type { Database } from './client';
import { prismaCode, sqlState } from './errors';
import { isDatabaseUnavailable } from './unavailable';
import type { Prisma } from '../generated/prisma';

export type Transaction = Prisma.TransactionClient;

/**
 * Failures that say "try the whole transaction again": serialization failures and deadlocks
 * (40001, 40P01, Prisma's P2034), and P2028 (a transaction Prisma could not start or lost).
 * Never an outage: retrying here would only hold the request; the client gets
 * SERVICE_UNAVAILABLE and retries later (with the same idempotency key).
 */
function isRetryable(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return false;
  const code = prismaCode(error);
  const state = sqlState(error);
  return code === 'P2034' || code === 'P2028' || state === '40001' || state === '40P01';
}

export const TRANSACTION_ATTEMPTS = 4;

/**
 * Prisma's own wait for a transaction's connection: longer than any DATABASE_POOL_TIMEOUT_MS,
 * so that the pool's timeout (SERVICE_UNAVAILABLE) decides, not Prisma's (P2028, retried).
 */
export const TRANSACTION_MAX_WAIT_MS = MAX_POOL_TIMEOUT_MS + 5_000;

/**
 * Runs `work` again from the start (at most TRANSACTION_ATTEMPTS times in all) while PostgreSQL or
 * Prisma says a retry may succeed. `work` must be a whole transaction: one interactive transaction
 * or one autocommitted statement.
 */
export async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}

/**
 * Runs `work` in one interactive transaction, retried as withRetries says. Keep `work` short:
 * no network calls or slow work while rows are locked.
 */
export async function inTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  // timeout bounds how long we hold locks.
  return withRetries(() => db.$transaction(work, { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: 15_000 }));
}
