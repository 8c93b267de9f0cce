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
export function isRetryable(error: unknown): boolean {
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
 * Runs `work` in one interactive transaction, retrying it from the start (a bounded number of
 * times) when PostgreSQL or Prisma says a retry may succeed. Keep `work` short: no network
 * calls or slow work while rows are locked.
 */
export async function inTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      // timeout bounds how long we hold locks.
      return await db.$transaction(work, { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: 15_000 });
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}
