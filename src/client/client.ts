import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { clientError, OrderServiceError, parseRetryAfter, toServiceError, type ServiceError } from './errors';

/** Where a request's token comes from: a string, or a function asked before every request. */
export type TokenSource = string | null | undefined | (() => string | null | undefined | Promise<string | null | undefined>);

export interface ClientOptions {
  /** The GraphQL endpoint: `https://shop.example/graphql`, or `/graphql` from a page on the same origin. */
  url: string;
  /** Access token sent as `Authorization: Bearer <token>`; none means anonymous. */
  token?: TokenSource;
  /** Headers for every request. */
  headers?: Record<string, string>;
  /** A fetch to use instead of the global one (tests, edge runtimes with their own). */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** A typed operation from `./generated` (e.g. `PlaceOrderDocument`). */
export type Operation<TResult, TVariables> = DocumentTypeDecoration<TResult, TVariables> & { toString(): string };

/** Variables may be left out when the operation has none, or none that are required. */
type RequestArgs<TVariables> = object extends TVariables
  ? [variables?: TVariables, options?: RequestOptions]
  : TVariables extends Record<string, never>
    ? [variables?: TVariables, options?: RequestOptions]
    : [variables: TVariables, options?: RequestOptions];

export interface OrderServiceClient {
  /**
   * Sends one operation (POST, JSON) and returns its data; any GraphQL error, HTTP failure or
   * network failure rejects with an OrderServiceError (an abort rejects as fetch does).
   */
  request<TResult, TVariables>(operation: Operation<TResult, TVariables>, ...args: RequestArgs<TVariables>): Promise<TResult>;
}

interface WireResponse {
  data?: unknown;
  errors?: unknown;
}

const RETRYABLE_STATUSES = new Set([502, 503, 504]);

async function readBody(response: Response): Promise<WireResponse | undefined> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' && ('data' in body || 'errors' in body) ? (body as WireResponse) : undefined;
  } catch {
    return undefined;
  }
}

/** What a response means: its data, or the error to reject with. */
async function interpret(response: Response): Promise<{ data: unknown } | { error: OrderServiceError }> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const body = await readBody(response);
  if (!body) {
    // Not GraphQL: a load balancer or proxy answered. Gateway failures are worth a retry.
    const error = RETRYABLE_STATUSES.has(response.status)
      ? clientError('SERVICE_UNAVAILABLE', `The service is unavailable (HTTP ${response.status}).`)
      : clientError('BAD_RESPONSE', `Expected a GraphQL response, got HTTP ${response.status}.`);
    return { error: new OrderServiceError([error], response.status, null, retryAfter) };
  }
  const errors: ServiceError[] = Array.isArray(body.errors) ? body.errors.map(toServiceError) : [];
  if (errors.length > 0 || !response.ok || body.data == null) {
    if (errors.length === 0) errors.push(clientError('BAD_RESPONSE', `HTTP ${response.status} without errors or data.`));
    return { error: new OrderServiceError(errors, response.status, body.data ?? null, retryAfter) };
  }
  return { data: body.data };
}

/** A client for the order service's GraphQL API: fetch only, so it runs in browsers, workers and edge runtimes. */
export function createClient(options: ClientOptions): OrderServiceClient {
  const fetchImplementation = options.fetch ?? ((input, init) => fetch(input, init));
  const tokenOf = async () => (typeof options.token === 'function' ? options.token() : options.token);

  return {
    async request<TResult, TVariables>(operation: Operation<TResult, TVariables>, ...[variables, requestOptions]: RequestArgs<TVariables>) {
      const token = await tokenOf();
      const headers: Record<string, string> = {
        accept: 'application/graphql-response+json, application/json',
        'content-type': 'application/json',
        ...options.headers,
        ...requestOptions?.headers,
      };
      if (token) headers.authorization = `Bearer ${token}`;
      let response: Response;
      try {
        response = await fetchImplementation(options.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ query: operation.toString(), variables: variables ?? {} }),
          signal: requestOptions?.signal,
        });
      } catch (cause) {
        if (requestOptions?.signal?.aborted) throw cause;
        throw new OrderServiceError([clientError('NETWORK_ERROR', 'The service could not be reached.')], 0, null, undefined, { cause });
      }
      const outcome = await interpret(response);
      if ('error' in outcome) throw outcome.error;
      return outcome.data as TResult;
    },
  };
}
