import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';

export interface GraphQLResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

/** Sends a typed operation (test/operations/*.graphql) to a running server over HTTP. */
export async function execute<TData, TVariables extends Record<string, unknown>>(
  serverUrl: string,
  document: TypedDocumentNode<TData, TVariables>,
  ...[variables, options]: TVariables extends Record<string, never>
    ? [variables?: TVariables, options?: { token?: string }]
    : [variables: TVariables, options?: { token?: string }]
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(`${serverUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options?.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** The HTTP status of a GET (readiness and health probes). */
export async function status(url: string): Promise<number> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.status;
}
