import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, markConnectionFailure } from '../../src/db/unavailable';
import { Prisma } from '../../src/generated/prisma';
import { formatError, toContextError } from '../../src/graphql/errors';

const known = (code: string, cause?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('db said no', {
    code,
    clientVersion: '6.19.3',
    meta: cause ? { driverAdapterError: { name: 'DriverAdapterError', cause } } : undefined,
  });
const postgres = (sqlState: string) => known('P2010', { kind: 'postgres', originalCode: sqlState, code: sqlState });
const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error('adapter'), { name: 'DriverAdapterError', cause });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect', errno: -111 });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['P1001 (cannot reach)', known('P1001', { kind: 'DatabaseNotReachable' })],
    ['P1017 (connection closed)', known('P1017')],
    ['P2037 (too many connections)', known('P2037')],
    ['57P01 admin_shutdown', postgres('57P01')],
    ['57P02 crash_shutdown', postgres('57P02')],
    ['57P03 cannot_connect_now', postgres('57P03')],
    ['08006 connection_failure (class 08)', postgres('08006')],
    ['53300 too_many_connections', postgres('53300')],
    ['a raw query failure whose adapter kind is DatabaseNotReachable', known('P2010', { kind: 'DatabaseNotReachable' })],
    ["the adapter's own error with 57P01", adapterError({ kind: 'postgres', originalCode: '57P01' })],
    ['a socket error (ECONNREFUSED)', socketError('ECONNREFUSED')],
    ['a socket error (ECONNRESET)', socketError('ECONNRESET')],
    ['a raw pg error with 57P03', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['an outage wrapped as a cause', new Error('wrapper', { cause: socketError('ECONNREFUSED') })],
  ])('says yes for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['P2002 (unique)', known('P2002')],
    ['23505 unique_violation', postgres('23505')],
    ['57014 query_canceled (a report timeout)', postgres('57014')],
    ['40001 serialization_failure (retried in the transaction helper)', postgres('40001')],
    ['28P01 invalid_password (a configuration error)', postgres('28P01')],
    ['a plain error', new Error('boom')],
    ['not an error', 'ECONNREFUSED'],
  ])('says no for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('goes by the mark the pool sets on code-less errors, not by their message', () => {
    const timeout = new Error('timeout exceeded when trying to connect');
    expect(isDatabaseUnavailable(timeout)).toBe(false);
    markConnectionFailure(timeout);
    expect(isDatabaseUnavailable(timeout)).toBe(true);
  });
});

describe('SERVICE_UNAVAILABLE for clients', () => {
  const silent = () => {};
  const raw = { message: 'Connection terminated unexpectedly', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at pg-pool'] } };

  it('says only that, in development too: no driver message, no stack', () => {
    for (const production of [true, false]) {
      const formatted = formatError(production, silent)(raw, postgres('57P01'));
      expect(formatted).toEqual({ message: expect.stringMatching(/retry later/), extensions: { code: 'SERVICE_UNAVAILABLE' } });
    }
  });

  it('is a 503 with Retry-After when met while the token is checked', () => {
    const error = toContextError(socketError('ECONNREFUSED')) as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    const http = error.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(503);
    expect(Number(http.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(formatError(false, silent)({ message: error.message, extensions: { code: 'SERVICE_UNAVAILABLE' } }, error).extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
    });
  });
});
