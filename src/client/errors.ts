import type { OrderStatus } from './generated/graphql';

/**
 * What each `errors[].extensions.code` carries besides the code (RUNTIME.md, "Errors"), plus the
 * client's own codes for a request that got no GraphQL answer.
 */
export interface ErrorExtensionsByCode {
  UNAUTHENTICATED: object;
  FORBIDDEN: object;
  NOT_FOUND: object;
  BAD_USER_INPUT: { field?: string };
  CONFLICT: { field?: string };
  BAD_REFERENCE: object;
  INSUFFICIENT_STOCK: { productId: string; requested: number; available: number };
  INVALID_STATE_TRANSITION: { from: OrderStatus; to: OrderStatus };
  IDEMPOTENCY_KEY_REUSED: object;
  /** `cost`/`limit` from the query limits; `timeoutMs` when a report ran out of time. */
  QUERY_TOO_COMPLEX: { cost?: number; limit?: number; timeoutMs?: number };
  /** Retryable: see `OrderServiceError.retryAfterSeconds`. */
  SERVICE_UNAVAILABLE: object;
  GRAPHQL_PARSE_FAILED: object;
  GRAPHQL_VALIDATION_FAILED: object;
  BAD_REQUEST: object;
  PERSISTED_QUERY_NOT_FOUND: object;
  PERSISTED_QUERY_NOT_SUPPORTED: object;
  OPERATION_RESOLUTION_FAILURE: object;
  INTERNAL_SERVER_ERROR: object;
  /** The client's own: no response at all (offline, DNS, connection refused). */
  NETWORK_ERROR: object;
  /** The client's own: a response that is not GraphQL (a proxy's error page, say). */
  BAD_RESPONSE: object;
  /** A code this client does not know yet; the server's is in `extensions.serverCode`. */
  UNKNOWN: { serverCode: string };
}

export type ErrorCode = keyof ErrorExtensionsByCode;

/** One entry of `errors`, typed by its code: narrow with `error.code === 'INSUFFICIENT_STOCK'`. */
export type ServiceErrorOf<C extends ErrorCode> = C extends ErrorCode
  ? { code: C; message: string; path?: readonly (string | number)[]; extensions: ErrorExtensionsByCode[C] & { code: C } }
  : never;

export type ServiceError = ServiceErrorOf<ErrorCode>;

const KNOWN_CODES = new Set<string>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'BAD_REFERENCE',
  'INSUFFICIENT_STOCK',
  'INVALID_STATE_TRANSITION',
  'IDEMPOTENCY_KEY_REUSED',
  'QUERY_TOO_COMPLEX',
  'SERVICE_UNAVAILABLE',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'INTERNAL_SERVER_ERROR',
] satisfies ErrorCode[]);

interface WireError {
  message?: unknown;
  path?: unknown;
  extensions?: Record<string, unknown>;
}

/** A GraphQL error as it came over the wire, with its code checked against the known ones. */
export function toServiceError(wire: WireError): ServiceError {
  const serverCode = typeof wire.extensions?.code === 'string' ? wire.extensions.code : 'INTERNAL_SERVER_ERROR';
  const message = typeof wire.message === 'string' ? wire.message : 'Unknown error';
  const path = Array.isArray(wire.path) ? (wire.path as (string | number)[]) : undefined;
  if (KNOWN_CODES.has(serverCode)) {
    return { code: serverCode, message, path, extensions: { ...wire.extensions, code: serverCode } } as ServiceError;
  }
  return { code: 'UNKNOWN', message, path, extensions: { ...wire.extensions, code: 'UNKNOWN', serverCode } };
}

/** The client's own error, for a request that got no GraphQL answer. */
export function clientError(code: 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'SERVICE_UNAVAILABLE', message: string): ServiceError {
  return { code, message, extensions: { code } } as ServiceError;
}

/**
 * A request that failed: `errors` as the server sent them (typed by code), `data` as far as it
 * resolved, the HTTP status (0 without a response), and for SERVICE_UNAVAILABLE the server's
 * Retry-After in seconds.
 */
export class OrderServiceError extends Error {
  override readonly name = 'OrderServiceError';

  constructor(
    readonly errors: readonly ServiceError[],
    readonly status: number,
    readonly data: unknown = null,
    readonly retryAfterSeconds: number | undefined = undefined,
    options?: { cause?: unknown },
  ) {
    super(errors.map((error) => `${error.code}: ${error.message}`).join('; ') || `HTTP ${status}`, options);
  }

  /** The first error's code. */
  get code(): ErrorCode {
    return this.errors[0]?.code ?? 'INTERNAL_SERVER_ERROR';
  }

  /** The first error with this code, typed: `error.find('INSUFFICIENT_STOCK')?.extensions.available`. */
  find<C extends ErrorCode>(code: C): ServiceErrorOf<C> | undefined {
    return this.errors.find((error) => error.code === code) as ServiceErrorOf<C> | undefined;
  }

  /** Whether trying the same request again later may succeed (a placeOrder with the same idempotency key included). */
  get retryable(): boolean {
    return this.errors.some((error) => error.code === 'SERVICE_UNAVAILABLE' || error.code === 'NETWORK_ERROR');
  }
}

/** Whether `error` is an OrderServiceError, optionally one carrying `code`. */
export function isOrderServiceError(error: unknown, code?: ErrorCode): error is OrderServiceError {
  return error instanceof OrderServiceError && (code === undefined || error.errors.some((entry) => entry.code === code));
}

/** Seconds to wait from a Retry-After header: delay-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
