/** Input rules shared by the services. Each returns the normalised value or throws BAD_USER_INPUT. */
import { Prisma } from '../generated/prisma';
import { BadUserInputError } from './errors';

export const INT_MAX = 2_147_483_647;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SKU = /^[A-Z0-9-]{2,64}$/;
const MAX_NAME = 200;
const MAX_DESCRIPTION = 5_000;
/** Decimal(12, 2): ten digits before the point. */
const MAX_PRICE = new Prisma.Decimal('9999999999.99');

export function email(value: string): string {
  const normalised = value.trim().toLowerCase();
  if (normalised.length > 254 || !EMAIL.test(normalised)) throw new BadUserInputError('Not a valid email address.', 'email');
  return normalised;
}

export function name(value: string, field = 'name'): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME) {
    throw new BadUserInputError(`${field} must be 1-${MAX_NAME} characters.`, field);
  }
  return trimmed;
}

export function description(value: string | null): string | null {
  if (value === null) return null;
  if (value.length > MAX_DESCRIPTION)
    throw new BadUserInputError(`description must be at most ${MAX_DESCRIPTION} characters.`, 'description');
  return value;
}

export function sku(value: string): string {
  const normalised = value.trim().toUpperCase();
  if (!SKU.test(normalised)) throw new BadUserInputError("sku must be 2-64 characters of A-Z, 0-9 and '-'.", 'sku');
  return normalised;
}

/** A price: > 0, at most 2 decimals, fits Decimal(12, 2). */
export function price(value: Prisma.Decimal, field = 'price'): Prisma.Decimal {
  if (value.lte(0) || value.decimalPlaces() > 2 || value.gt(MAX_PRICE)) {
    throw new BadUserInputError(`${field} must be more than 0, at most ${MAX_PRICE.toFixed(2)}, with at most 2 decimals.`, field);
  }
  return value;
}

/** A money bound in a filter: >= 0, at most 2 decimals. */
export function moneyBound(value: Prisma.Decimal, field: string): Prisma.Decimal {
  if (value.lt(0) || value.decimalPlaces() > 2) throw new BadUserInputError(`${field} must be >= 0 with at most 2 decimals.`, field);
  return value;
}

export function integerInRange(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadUserInputError(`${field} must be an integer from ${min} to ${max}.`, field);
  }
  return value;
}

/** NUL, or a UTF-16 surrogate without its pair (such a string has no UTF-8 encoding). */
const UNSTORABLE_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store `value` as text: no NUL character, no unpaired surrogate. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE_TEXT.test(value);
}
