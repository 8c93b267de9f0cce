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

  it('keeps a service error code and its extensions', () => {
    const formatted = format(new InsufficientStockError({ productId: 'UHJvZHVjdDox', requested: 3, available: 1 }));
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
