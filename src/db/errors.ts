import { Prisma } from '../generated/prisma';

/** What a driver adapter error carries: PostgreSQL's SQLSTATE and, for constraints, the names. */
interface DriverAdapterCause {
  kind?: string;
  originalCode?: string;
  originalMessage?: string;
  constraint?: { index?: string; fields?: string[] };
}

function driverAdapterCause(error: unknown): DriverAdapterCause | undefined {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return (error.meta as { driverAdapterError?: { cause?: DriverAdapterCause } } | undefined)?.driverAdapterError?.cause;
  }
  // The Rust-free client rethrows some database errors (CHECK violations among them) as the
  // adapter's own DriverAdapterError instead of a known request error.
  if (error instanceof Error && error.name === 'DriverAdapterError' && typeof error.cause === 'object') {
    return error.cause as DriverAdapterCause;
  }
  return undefined;
}

/** PostgreSQL's SQLSTATE behind a failed query (e.g. '23514' check_violation), if there is one. */
export function sqlState(error: unknown): string | undefined {
  return driverAdapterCause(error)?.originalCode;
}

/** The driver adapter's kind of a failed query (e.g. 'DatabaseNotReachable'), if there is one. */
export function adapterErrorKind(error: unknown): string | undefined {
  return driverAdapterCause(error)?.kind;
}

/** The Prisma error code (P2002, ...) of a failed query, if it has one. */
export function prismaCode(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined;
}
