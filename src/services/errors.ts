import { prismaCode } from '../db/errors';

/**
 * Expected failures: each has a stable code that clients read from `extensions.code`, and
 * extensions that say what went wrong. Services throw these; src/graphql/errors.ts maps them.
 */
export abstract class ServiceError extends Error {
  abstract readonly code: string;
  readonly extensions: Record<string, unknown>;

  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.extensions = extensions;
  }
}

export class UnauthenticatedError extends ServiceError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Sign in to do this.') {
    super(message);
  }
}

export class ForbiddenError extends ServiceError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'Your role may not do this.') {
    super(message);
  }
}

export class NotFoundError extends ServiceError {
  readonly code = 'NOT_FOUND';
  constructor(what: string) {
    super(`${what} not found.`);
  }
}

export class BadUserInputError extends ServiceError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, field?: string) {
    super(message, field ? { field } : {});
  }
}

export class ConflictError extends ServiceError {
  readonly code = 'CONFLICT';
}

export class BadReferenceError extends ServiceError {
  readonly code = 'BAD_REFERENCE';
}

/** `productId` is the database id: src/graphql/errors.ts shows clients its global ID. */
export class InsufficientStockError extends ServiceError {
  readonly code = 'INSUFFICIENT_STOCK';
  declare readonly extensions: { productId: number; requested: number; available: number };
  constructor(details: { productId: number; requested: number; available: number }) {
    super(`Only ${details.available} in stock, ${details.requested} requested.`, details);
  }
}

export class InvalidStateTransitionError extends ServiceError {
  readonly code = 'INVALID_STATE_TRANSITION';
  constructor(from: string, to: string) {
    super(`An order cannot go from ${from} to ${to}.`, { from, to });
  }
}

export class IdempotencyKeyReusedError extends ServiceError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('This idempotency key was already used with a different input.');
  }
}

/**
 * Runs a write whose only expected unique violation is on `field`.
 * @throws CONFLICT naming `field` on that violation; anything else as the write threw it.
 */
export async function uniqueOn<T>(field: string, message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (prismaCode(error) === 'P2002') throw new ConflictError(message, { field });
    throw error;
  }
}
