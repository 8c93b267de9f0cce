/**
 * The dashboard's access token: from the URL fragment (`#token=...`, which never reaches the
 * server) or the sign-in field, kept in the tab's sessionStorage at most.
 */
export const TOKEN_STORAGE_KEY = 'order-service.dashboard.token';

/** The token in a location hash such as `#token=eyJ...`, if any. */
export function tokenFromFragment(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  return token || undefined;
}

/** The `exp` claim of a JWT, read without verifying it (the server verifies); undefined if unreadable. */
export function tokenExpiry(token: string): Date | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}
