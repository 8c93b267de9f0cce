import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma';
import { BadUserInputError } from '../../src/services/errors';
import * as valid from '../../src/services/validation';

const decimal = (value: string) => new Prisma.Decimal(value);

describe('input rules', () => {
  it('price: > 0, at most two decimals, fits Decimal(12, 2)', () => {
    expect(valid.price(decimal('0.01')).toFixed(2)).toBe('0.01');
    expect(valid.price(decimal('9999999999.99')).toFixed(2)).toBe('9999999999.99');
    for (const bad of ['0', '-0.01', '0.001', '10000000000.00']) expect(() => valid.price(decimal(bad)), bad).toThrow(BadUserInputError);
  });

  it('sku: upper-cased, 2-64 of A-Z, 0-9 and -', () => {
    expect(valid.sku(' ab-12 ')).toBe('AB-12');
    expect(valid.sku('X'.repeat(64))).toHaveLength(64);
    for (const bad of ['a', 'X'.repeat(65), 'AB_12', 'AB 12', 'ÄB']) expect(() => valid.sku(bad), bad).toThrow(BadUserInputError);
  });

  it('email: trimmed and lower-cased; needs a local part, a domain and a dot', () => {
    expect(valid.email(' Alice@Example.COM ')).toBe('alice@example.com');
    for (const bad of ['alice', 'alice@', '@example.com', 'a@b', 'a b@example.com'])
      expect(() => valid.email(bad), bad).toThrow(BadUserInputError);
  });

  it('name: trimmed, 1-200 characters', () => {
    expect(valid.name('  Ada ')).toBe('Ada');
    expect(() => valid.name('   ')).toThrow(BadUserInputError);
    expect(() => valid.name('x'.repeat(201))).toThrow(BadUserInputError);
  });
});
