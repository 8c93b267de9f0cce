import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma';
import { connectionOptions } from './connection-options';

export type Database = PrismaClient;

export interface DatabaseHandle {
  prisma: PrismaClient;
  /** The pool behind Prisma: its gauges feed /metrics; it is bounded by DATABASE_POOL_SIZE. */
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * Opens the process's one PrismaClient over a bounded pg pool (Rust-free client + adapter-pg).
 * Call once per process; tests call it once per test database.
 */
export function openDatabase(url: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({
    ...connectionOptions(url),
    max: poolSize,
    // Fail fast instead of queueing forever when the database is gone.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server (restart, pooler) must not crash the process.
  const logLostConnection = (error: Error) => console.error('database pool: idle connection lost:', error.message);
  pool.on('error', logLostConnection);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), errorFormat: 'minimal' });
  return {
    prisma,
    pool,
    async close() {
      // On SIGINT the embedded server may stop alongside us; its goodbyes are not news.
      pool.off('error', logLostConnection).on('error', () => {});
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
