import { expect } from 'vitest';
import { OrderServiceError } from '../../src/client';

/** The OrderServiceError a typed-client request rejects with; fails the test if it resolves or rejects with anything else. */
export async function failure(request: Promise<unknown>): Promise<OrderServiceError> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OrderServiceError);
  return error as OrderServiceError;
}
