import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma';
import { logger } from '../logging/logger';
import { connectionOptions } from './connection-options';
import { ServicePool, type QueryListener } from './pool';
import { createReader, viaTransactionPooler, type Reader } from './reader';

export type Database = PrismaClient;

/** How long close() waits for the transactions still running. */
const CLOSE_WAIT_MS = 5_000;

export type { QueryListener } from './pool';

export interface DatabaseHandle {
  prisma: PrismaClient;
  /** What the revenue reports read: a read replica's client (see replica.ts), else `prisma`. */
  reports: PrismaClient;
  /** The pool behind Prisma: its gauges feed /metrics; it is bounded by DATABASE_POOL_SIZE. */
  pool: pg.Pool;
  /** The read replica's pool, when the reports read one (replica.ts): its gauges feed /metrics too. */
  replicaPool?: pg.Pool;
  /** The hot reads' prepared statements, on the same pool (see reader.ts). */
  reader: Reader;
  /** Subscribes to every statement (the replica's included); returns the unsubscribe function. */
  observeQueries(listener: QueryListener): () => void;
  close(): Promise<void>;
}

/**
 * Opens the process's one PrismaClient over a bounded pg pool (Rust-free client + adapter-pg);
 * a request waits at most `poolTimeoutMs` (DATABASE_POOL_TIMEOUT_MS) for one of its connections.
 * Call once per process; tests call it once per test database.
 */
export function openDatabase(url: string, poolSize: number, poolTimeoutMs = 5_000): DatabaseHandle {
  const listeners = new Set<QueryListener>();
  const pool = new ServicePool(
    {
      ...connectionOptions(url),
      max: poolSize,
      // Fail fast (SERVICE_UNAVAILABLE) instead of queueing forever when the database is gone or busy.
      connectionTimeoutMillis: poolTimeoutMs,
      idleTimeoutMillis: 30_000,
    },
    listeners,
  );
  // An idle connection dropped by the server (restart, pooler) must not crash the process.
  const ADMIN_SHUTDOWN = '57P01'; // the server is stopping: the pool reconnects when it is back
  const logLostConnection = (error: Error & { code?: string }) => {
    if (error.code !== ADMIN_SHUTDOWN) logger().warn({ err: error }, 'database pool: idle connection lost');
  };
  pool.on('error', logLostConnection);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), errorFormat: 'minimal' });
  return {
    prisma,
    reports: prisma,
    pool,
    reader: createReader(pool, { prepare: !viaTransactionPooler(url) }),
    observeQueries(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      // On SIGINT the embedded server may stop alongside us; its goodbyes are not news.
      pool.off('error', logLostConnection).on('error', () => {});
      // pool.end() waits for every checked-out connection: ending it under an open transaction
      // could wait for ever. Once idle, end() at once, so that nothing new can start meanwhile.
      if (await pool.whenIdle(CLOSE_WAIT_MS)) {
        const ended = pool.end();
        await prisma.$disconnect();
        await ended;
      } else {
        // Prisma rolls its open transactions back; the process exits without waiting further.
        logger().warn({ busy: pool.totalCount - pool.idleCount }, `database pool: connections still busy after ${CLOSE_WAIT_MS / 1000} s`);
        await prisma.$disconnect();
      }
    },
  };
}
