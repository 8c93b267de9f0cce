import { isOrderServiceError } from '../../client';
import { tokenExpiry } from './session';

export const TOKEN_HINT = 'Get one with: npm run --silent token -- analyst@example.com';

/** What to tell the analyst when signing in fails or a token is refused. */
export function signInMessage(error: unknown, token: string, now = new Date()): string {
  if (isOrderServiceError(error, 'UNAUTHENTICATED')) {
    const expiry = tokenExpiry(token);
    if (expiry && expiry <= now)
      return `This access token expired on ${expiry.toISOString().replace('T', ' ').slice(0, 16)} UTC. ${TOKEN_HINT}`;
    return `This access token was refused (malformed, signed with another key, or for a deleted user). ${TOKEN_HINT}`;
  }
  if (isOrderServiceError(error, 'FORBIDDEN')) return notAnAnalyst();
  return reportMessage(error);
}

/** The dashboard is for analysts and admins. */
export function notAnAnalyst(email?: string): string {
  const who = email ? `${email}, a customer` : 'a customer';
  return `This access token belongs to ${who}: the reports are for analysts and admins. ${TOKEN_HINT}`;
}

/** What to show in a report's panel when it failed. */
export function reportMessage(error: unknown): string {
  if (!isOrderServiceError(error)) return `The report failed: ${error instanceof Error ? error.message : String(error)}`;
  const timeout = error.find('QUERY_TOO_COMPLEX');
  if (timeout?.extensions.timeoutMs !== undefined) {
    return `The report ran out of time (${timeout.extensions.timeoutMs / 1000} s). Choose a shorter range and try again.`;
  }
  switch (error.code) {
    case 'QUERY_TOO_COMPLEX':
      return 'The report was refused as too expensive. Choose a shorter range.';
    case 'SERVICE_UNAVAILABLE':
      return `The service is unavailable right now; try again${error.retryAfterSeconds ? ` in ${error.retryAfterSeconds} s` : ' shortly'}.`;
    case 'NETWORK_ERROR':
      return 'The service could not be reached. Check your connection and try again.';
    case 'UNAUTHENTICATED':
      return `Your access token is no longer accepted; sign in again. ${TOKEN_HINT}`;
    case 'FORBIDDEN':
      return notAnAnalyst();
    case 'BAD_USER_INPUT':
      return error.errors[0]?.message ?? 'These filters are not valid.';
    default:
      return `The report failed (${error.code}): ${error.errors[0]?.message ?? ''}`;
  }
}
