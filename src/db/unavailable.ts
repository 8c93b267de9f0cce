/**
 * The one place that decides whether a failure means "the database cannot serve this request
 * now" (unreachable, restarting, or no pooled connection in time): clients get
 * SERVICE_UNAVAILABLE (HTTP 503) and may retry, instead of an internal error.
 *
 * Decided by codes, never by message text: PostgreSQL's SQLSTATE, Node's socket error codes,
 * the driver adapter's error kind and Prisma's connection codes. Two failures carry none of
 * these: pg-pool's "timeout exceeded when trying to connect" and pg's "Connection terminated
 * ..." errors. The pool marks those where they happen (src/db/pool.ts: a failed checkout, or a
 * query on a connection that was lost), and this module remembers the marked error objects.
 */
import { adapterErrorKind, prismaCode, sqlState } from './errors';

/** Seconds a client is asked to wait before retrying (the `Retry-After` header). */
export const RETRY_AFTER_SECONDS = 1;

/**
 * SQLSTATEs of a server that is going away or not letting us in: class 08 (connection
 * exception) is matched as a class; 57P01 admin_shutdown (also pg_terminate_backend),
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, shutting down, recovering),
 * 53300 too_many_connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const CONNECTION_EXCEPTION_CLASS = '08';

/** Node's codes for a socket that could not connect or broke. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** @prisma/adapter-pg's kinds for socket failures (it maps ECONNREFUSED, ECONNRESET, ... to these). */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/** Prisma's codes for the same: can't reach, timed out, operation timed out, connection closed, too many connections. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2037']);

const markedFailures = new WeakSet<object>();

/**
 * Records that `error` means the connection could not be had or was lost. Called by the pool
 * for errors that carry no code of their own; Prisma passes such errors through unchanged.
 */
export function markConnectionFailure(error: unknown): void {
  if (typeof error === 'object' && error !== null) markedFailures.add(error);
}

function ownCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isUnavailableSqlState(state: string | undefined): boolean {
  return state !== undefined && (UNAVAILABLE_SQLSTATES.has(state) || state.startsWith(CONNECTION_EXCEPTION_CLASS));
}

/** Whether `error` (or what it wraps) says the database is unreachable, restarting or out of connections. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  if (markedFailures.has(error)) return true;
  const kind = adapterErrorKind(error);
  if ((kind && ADAPTER_KINDS.has(kind)) || isUnavailableSqlState(sqlState(error))) return true;
  const code = prismaCode(error);
  if (code && PRISMA_CODES.has(code)) return true;
  // A raw pg or socket error (a statement sent on the pool directly): its own code.
  const raw = ownCode(error);
  if (raw && (SOCKET_CODES.has(raw) || isUnavailableSqlState(raw))) return true;
  return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}
