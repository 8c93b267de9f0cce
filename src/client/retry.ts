import { isOrderServiceError } from './errors';

/**
 * A fresh idempotency key for `placeOrder`: keep it with the basket and send the same key on every
 * retry, so that the order is placed at most once. Uses crypto.getRandomValues, which (unlike
 * randomUUID) pages served over plain http also have.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface RetryOptions {
  /** Tries in all, the first included (default 3). */
  attempts?: number;
  /** Wait when the server gave no Retry-After (default 1 s); waits are capped at 30 s. */
  defaultDelaySeconds?: number;
  signal?: AbortSignal;
}

const MAX_DELAY_SECONDS = 30;

function wait(seconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, seconds * 1000);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/**
 * Runs `request` again while it fails with a retryable error (SERVICE_UNAVAILABLE or a network
 * failure), waiting as the server's Retry-After says. Safe for queries, and for placeOrder when
 * every try sends the same idempotency key.
 */
export async function withRetry<T>(request: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= attempts || !isOrderServiceError(error) || !error.retryable) throw error;
      await wait(Math.min(error.retryAfterSeconds ?? options.defaultDelaySeconds ?? 1, MAX_DELAY_SECONDS), options.signal);
    }
  }
}
