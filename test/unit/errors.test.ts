import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma';
import { formatError } from '../../src/graphql/errors';
import { InsufficientStockError } from '../../src/services/errors';

const silent = () => {};
const format = (error: unknown, production = true) =>
  formatError(production, silent)({ message: 'raw', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);

const prismaError = (code: string) => new Prisma.PrismaClientKnownRequestError('db said no', { code, clientVersion: '6.19.3' });

describe('formatError', () => {
  it.each([
    ['P2002', 'CONFLICT'],
    ['P2003', 'BAD_REFERENCE'],
    ['P2025', 'NOT_FOUND'],
  ])('maps Prisma %s to %s by code', (prismaCode, code) => {
    expect(format(prismaError(prismaCode)).extensions?.code).toBe(code);
  });

  it('keeps a service error code and its extensions, database ids shown as global IDs', () => {
    const formatted = format(new InsufficientStockError({ productId: 1, requested: 3, available: 1 }));
    expect(formatted.extensions).toEqual({ code: 'INSUFFICIENT_STOCK', productId: 'UHJvZHVjdDox', requested: 3, available: 1 });
  });

  it('masks anything else in production, and says INTERNAL_SERVER_ERROR in development too', () => {
    expect(format(new Error('secret detail'))).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(format(prismaError('P2022')).message).toBe('Internal server error');
    expect(format(new Error('secret detail'), false).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it("passes Apollo's own client-error codes through", () => {
    const formatted = formatError(true, silent)({ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }, new GraphQLError('bad'));
    expect(formatted.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('formatError for refusals before execution', () => {
  it("keeps a query limit's QUERY_TOO_COMPLEX that Apollo wrapped as a validation error", () => {
    const rule = new GraphQLError('Aliases limit of 15 exceeded, found 16.', {
      extensions: { code: 'QUERY_TOO_COMPLEX', rule: 'aliases', limit: 15 },
    });
    const wrapped = new GraphQLError(rule.message, {
      originalError: rule,
      extensions: { ...rule.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const formatted = formatError(true, silent)(
      { message: rule.message, extensions: { rule: 'aliases', limit: 15, code: 'GRAPHQL_VALIDATION_FAILED' } },
      wrapped,
    );
    expect(formatted.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', rule: 'aliases', limit: 15 });
  });

  it("answers Apollo's uncoded 4xx refusals (a persisted-query hash mismatch) as BAD_REQUEST, not as internal errors", () => {
    const mismatch = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    const formatted = formatError(true, silent)({ message: mismatch.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, mismatch);
    expect(formatted).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });
});
