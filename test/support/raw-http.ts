import http from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';

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
