import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma';
import { connectionOptions } from './connection-options';
import { createReader, viaTransactionPooler, type Reader } from './reader';

export type Database = PrismaClient;

/** Called after every SQL statement the pool runs (metrics, and the tests' statement counts). */
export type QueryListener = (durationSeconds: number, failed: boolean) => void;

export interface DatabaseHandle {
  prisma: PrismaClient;
  /** The pool behind Prisma: its gauges feed /metrics; it is bounded by DATABASE_POOL_SIZE. */
  pool: pg.Pool;
  /** The hot reads' prepared statements, on the same pool (see reader.ts). */
  reader: Reader;
  /** Subscribes to every statement; returns the unsubscribe function. */
  observeQueries(listener: QueryListener): () => void;
  close(): Promise<void>;
}

/** A pg Client that reports each statement's duration to the listeners. */
function observedClient(listeners: Set<QueryListener>): typeof pg.Client {
  const report = (started: number, failed: boolean) => {
    const seconds = (performance.now() - started) / 1000;
    for (const listener of listeners) listener(seconds, failed);
  };
  return class ObservedClient extends pg.Client {
    // pg's query() has many overloads; this wrapper only times the call, in callback or promise form.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      const started = performance.now();
      const callback = args.at(-1);
      const query = super.query as (...a: unknown[]) => unknown;
      if (typeof callback === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          report(started, Boolean(error));
          callback(error, result);
        };
        return query.apply(this, args);
      }
      const result = query.apply(this, args);
      if (!(result instanceof Promise)) return result;
      return result.then(
        (value) => (report(started, false), value),
        (error: unknown) => {
          report(started, true);
          throw error;
        },
      );
    }
  };
}

/**
 * Opens the process's one PrismaClient over a bounded pg pool (Rust-free client + adapter-pg).
 * Call once per process; tests call it once per test database.
 */
export function openDatabase(url: string, poolSize: number): DatabaseHandle {
  const listeners = new Set<QueryListener>();
  const pool = new pg.Pool({
    ...connectionOptions(url),
    Client: observedClient(listeners),
    max: poolSize,
    // Fail fast instead of queueing forever when the database is gone.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server (restart, pooler) must not crash the process.
  const ADMIN_SHUTDOWN = '57P01'; // the server is stopping: the pool reconnects when it is back
  const logLostConnection = (error: Error & { code?: string }) => {
    if (error.code !== ADMIN_SHUTDOWN) console.error('database pool: idle connection lost:', error.message);
  };
  pool.on('error', logLostConnection);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), errorFormat: 'minimal' });
  return {
    prisma,
    pool,
    reader: createReader(pool, { prepare: !viaTransactionPooler(url) }),
    observeQueries(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      // On SIGINT the embedded server may stop alongside us; its goodbyes are not news.
      pool.off('error', logLostConnection).on('error', () => {});
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
