import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED_OPTIONS, centsToDecimal, generateSeedData } from '../../seed/generate';

const small = { ...DEFAULT_SEED_OPTIONS, users: 10, products: 8, orders: 60 };

describe('generateSeedData', () => {
  it('gives the same rows for the same options', () => {
    expect(generateSeedData(small)).toEqual(generateSeedData(small));
  });

  it('gives other rows for another seed', () => {
    expect(generateSeedData({ ...small, seed: 7 }).orders).not.toEqual(generateSeedData(small).orders);
  });

  it('writes money as exact two-decimal strings', () => {
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(123_456)).toBe('1234.56');
  });

  it('places orders in the 18 months before `end`, with ids growing with time', () => {
    const { orders } = generateSeedData(small);
    const start = new Date(small.end);
    start.setUTCMonth(start.getUTCMonth() - 18);
    for (const order of orders) {
      expect(order.placedAt.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(order.placedAt.getTime()).toBeLessThan(small.end.getTime());
    }
    const byTime = [...orders].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
    expect(byTime.map((order) => order.id)).toEqual(orders.map((order) => order.id));
  });
});
