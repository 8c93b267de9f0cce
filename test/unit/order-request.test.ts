import { describe, expect, it } from 'vitest';
import { parseOrderRequest, requestHash } from '../../src/services/checkout';
import { BadUserInputError, ForbiddenError } from '../../src/services/errors';

const alice = { userId: 3, role: 'CUSTOMER' as const };
const admin = { userId: 1, role: 'ADMIN' as const };
const line = (productId: number, quantity: number) => ({ productId, quantity });

describe('parseOrderRequest', () => {
  it('merges lines per product and sorts them by product id (the lock order)', () => {
    const request = parseOrderRequest(alice, { items: [line(9, 1), line(2, 3), line(9, 4)] });
    expect(request).toEqual({
      userId: 3,
      idempotencyKey: null,
      lines: [
        { productId: 2, quantity: 3 },
        { productId: 9, quantity: 5 },
      ],
    });
  });

  it('gives the same hash to the same order written differently, another to another order', () => {
    const a = requestHash(parseOrderRequest(alice, { items: [line(9, 1), line(2, 3), line(9, 4)] }));
    expect(requestHash(parseOrderRequest(alice, { items: [line(2, 3), line(9, 5)] }))).toBe(a);
    expect(requestHash(parseOrderRequest(alice, { items: [line(2, 3), line(9, 4)] }))).not.toBe(a);
    expect(requestHash(parseOrderRequest(admin, { items: [line(2, 3), line(9, 5)] }))).not.toBe(a);
  });

  it('accepts 1-100 lines of 1-10000 units and keys of 1-255 characters', () => {
    expect(parseOrderRequest(alice, { items: Array.from({ length: 100 }, () => line(1, 10_000)) }).lines).toEqual([
      { productId: 1, quantity: 1_000_000 },
    ]);
    expect(parseOrderRequest(alice, { items: [line(1, 1)], idempotencyKey: 'k'.repeat(255) }).idempotencyKey).toHaveLength(255);
    for (const input of [
      { items: [] },
      { items: Array.from({ length: 101 }, () => line(1, 1)) },
      { items: [line(1, 0)] },
      { items: [line(1, 10_001)] },
      { items: [line(1, 1.5)] },
      { items: [line(1, 1)], idempotencyKey: '' },
      { items: [line(1, 1)], idempotencyKey: 'k'.repeat(256) },
    ]) {
      expect(() => parseOrderRequest(alice, input), JSON.stringify(input).slice(0, 80)).toThrow(BadUserInputError);
    }
  });

  it('lets admins order for another user, and customers only for themselves', () => {
    expect(parseOrderRequest(admin, { items: [line(1, 1)], userId: 3 }).userId).toBe(3);
    expect(parseOrderRequest(alice, { items: [line(1, 1)], userId: 3 }).userId).toBe(3);
    expect(() => parseOrderRequest(alice, { items: [line(1, 1)], userId: 4 })).toThrow(ForbiddenError);
  });
});
