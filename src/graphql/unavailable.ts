/**
 * SERVICE_UNAVAILABLE on the wire: HTTP 503 with `Retry-After` and a body that says only that
 * (never the pool's or the driver's message, nor a stack, in any environment). Which failures
 * are outages is decided in src/db/unavailable.ts.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { RETRY_AFTER_SECONDS } from '../db/unavailable';

export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

const retryAfter = (): [string, string] => ['retry-after', String(RETRY_AFTER_SECONDS)];

/** The error clients see, wherever the outage was met. */
export function serviceUnavailable(where: Pick<GraphQLFormattedError, 'locations' | 'path'> = {}): GraphQLFormattedError {
  return {
    message: 'The service cannot reach its database right now; retry later.',
    ...where,
    extensions: { code: SERVICE_UNAVAILABLE },
  };
}

/** For an outage met before execution (the token's user lookup): Apollo takes the status from `http`. */
export function serviceUnavailableError(): GraphQLError {
  return new GraphQLError(serviceUnavailable().message, {
    extensions: { code: SERVICE_UNAVAILABLE, http: { status: 503, headers: new HeaderMap([retryAfter()]) } },
  });
}

/** Answers 503 + Retry-After when any error of an executed operation is SERVICE_UNAVAILABLE. */
export const serviceUnavailablePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
        if (!errors?.some((error) => error.extensions?.code === SERVICE_UNAVAILABLE)) return;
        response.http.status = 503;
        response.http.headers.set(...retryAfter());
      },
    };
  },
};
