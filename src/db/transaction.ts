import type { Database } from './client';
import { prismaCode, sqlState } from './errors';
import type { Prisma } from '../generated/prisma';

export type Transaction = Prisma.TransactionClient;

/**
 * Failures that say "try the whole transaction again": serialization failures and deadlocks
 * (40001, 40P01, Prisma's P2034), and P2028 (a transaction Prisma could not start or lost).
 */
function isRetryable(error: unknown): boolean {
  const code = prismaCode(error);
  const state = sqlState(error);
  return code === 'P2034' || code === 'P2028' || state === '40001' || state === '40P01';
}

export const TRANSACTION_ATTEMPTS = 4;

/**
 * Runs `work` in one interactive transaction, retrying it from the start (a bounded number of
 * times) when PostgreSQL or Prisma says a retry may succeed. Keep `work` short: no network
 * calls or slow work while rows are locked.
 */
export async function inTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      // maxWait covers a burst that queues for the bounded pool; timeout bounds what we hold locks for.
      return await db.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
}
