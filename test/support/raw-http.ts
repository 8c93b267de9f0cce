import type { GraphQLFormattedError } from 'graphql';

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: { data?: unknown; errors?: GraphQLFormattedError[] } | undefined;
}

/** A request to /graphql as any client could send it: any body, any headers. */
export async function sendRaw(
  serverUrl: string,
  init: { method?: string; body?: string | Uint8Array; headers?: Record<string, string>; path?: string } = {},
): Promise<RawResponse> {
  const response = await fetch(`${serverUrl}${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST',
    headers: init.headers ?? { 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  const text = await response.text();
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text) as RawResponse['json'];
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

/** POSTs a GraphQL request given as text (a generated document). */
export function postQuery(serverUrl: string, query: string, variables?: Record<string, unknown>, token?: string) {
  return sendRaw(serverUrl, {
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}
