import type { Role } from '../generated/prisma';
import { ForbiddenError, UnauthenticatedError } from './errors';

/** Who is asking: a signed-in user (role read from their row at request time) or nobody. */
export type Viewer = { userId: number; role: Role } | null;

/**
 * The signed-in viewer.
 * @throws UNAUTHENTICATED for anonymous requests.
 */
export function requireViewer(viewer: Viewer): NonNullable<Viewer> {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

/**
 * The signed-in viewer if their role is one of `roles`.
 * @throws UNAUTHENTICATED (anonymous), FORBIDDEN (another role).
 */
export function requireRole(viewer: Viewer, ...roles: Role[]): NonNullable<Viewer> {
  const signedIn = requireViewer(viewer);
  if (!roles.includes(signedIn.role)) throw new ForbiddenError();
  return signedIn;
}

export const isAdmin = (viewer: Viewer): boolean => viewer?.role === 'ADMIN';
