import http from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';

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

/** An answer as it came off the wire: status, headers and the JSON body. */
export interface RawAnswer<TData> {
  status: number;
  headers: http.IncomingHttpHeaders;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

/**
 * POSTs a typed operation with node:http, through `agent` (e.g. a keep-alive agent, so that
 * requests reuse connections as browsers and API clients do). Rejects only when no answer
 * came back (refused, reset, closed).
 */
export function postOperation<TData, TVariables>(
  serverUrl: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: { token?: string; agent?: http.Agent } = {},
): Promise<RawAnswer<TData>> {
  const body = JSON.stringify({ query: print(document), variables });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${serverUrl}/graphql`,
      {
        method: 'POST',
        agent: options.agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('error', reject);
        response.on('close', () => response.complete || reject(new Error('the answer was cut off')));
        response.on('end', () => {
          try {
            resolve({ status: response.statusCode!, headers: response.headers, ...JSON.parse(text) });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
