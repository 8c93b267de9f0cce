import type { Database } from '../db/client';
import { live, liveOrNull } from '../db/live';
import type { Reader } from '../db/reader';
import { countLiveUsers, usersPage } from '../db/reads/pages';
import { userById } from '../db/reads/rows';
import type { Prisma, Role, User } from '../generated/prisma';
import { NotFoundError, uniqueOn } from './errors';
import { decodeCursor, lazyCount, pageSize, toPage, type Page, type PageArgs } from './pagination';
import * as valid from './validation';
import { mayAccessUser } from './access';
import { requireRole, requireViewer, type Viewer } from './viewer';

const USERS_ORDER = 'users:id';
const EMAIL_TAKEN = 'A user with this email already exists.';

/**
 * A live user by id, whoever asks (for identity and loaders; callers check visibility).
 * @throws nothing of its own: database failures pass through.
 */
export async function findLiveUser(reader: Reader, id: number): Promise<User | null> {
  return liveOrNull(await userById(reader, id));
}

/**
 * The user if the viewer may see them (themself or an admin) and they are not deleted; else null.
 * @throws UNAUTHENTICATED.
 */
export async function findVisibleUser(reader: Reader, viewer: Viewer, id: number): Promise<User | null> {
  requireViewer(viewer);
  return mayAccessUser(viewer, id) ? findLiveUser(reader, id) : null;
}

/**
 * A page of live users in id order (admins only).
 * @throws UNAUTHENTICATED, FORBIDDEN; BAD_USER_INPUT (page size, cursor).
 */
export async function listUsers(reader: Reader, viewer: Viewer, args: PageArgs): Promise<Page<User>> {
  requireRole(viewer, 'ADMIN');
  const size = pageSize(args.first);
  const cursor = decodeCursor(args.after, USERS_ORDER);
  const rows = await usersPage(reader, cursor?.id ?? 0, size + 1);
  return { ...toPage(rows, size, USERS_ORDER, () => null), totalCount: lazyCount(() => countLiveUsers(reader)) };
}

/**
 * Creates a user (admins only); emails stay unique.
 * @throws UNAUTHENTICATED, FORBIDDEN; BAD_USER_INPUT (invalid fields); CONFLICT (field: email) on a taken email.
 */
export async function createUser(db: Database, viewer: Viewer, input: { email: string; name: string; role?: Role | null }): Promise<User> {
  requireRole(viewer, 'ADMIN');
  const data = { email: valid.email(input.email), name: valid.name(input.name), role: input.role ?? 'CUSTOMER' };
  return uniqueOn('email', EMAIL_TAKEN, () => db.user.create({ data }));
}

/**
 * Changes a live user's email or name: the user themself or an admin.
 * @throws UNAUTHENTICATED; NOT_FOUND (also for someone else's user); BAD_USER_INPUT; CONFLICT (field: email).
 */
export async function updateUser(
  db: Database,
  viewer: Viewer,
  id: number,
  input: { email?: string | null; name?: string | null },
): Promise<User> {
  requireViewer(viewer);
  if (!mayAccessUser(viewer, id)) throw new NotFoundError('User');
  const data: Prisma.UserUpdateManyMutationInput = {};
  if (input.email != null) data.email = valid.email(input.email);
  if (input.name != null) data.name = valid.name(input.name);
  return uniqueOn('email', EMAIL_TAKEN, () => updateLiveUser(db, id, data));
}

/**
 * Soft-deletes a live user (admins only): their token stops working, their orders stay in reports.
 * @throws UNAUTHENTICATED, FORBIDDEN; NOT_FOUND (no live user).
 */
export async function deleteUser(db: Database, viewer: Viewer, id: number): Promise<User> {
  requireRole(viewer, 'ADMIN');
  return updateLiveUser(db, id, { deletedAt: new Date() });
}

async function updateLiveUser(db: Database, id: number, data: Prisma.UserUpdateManyMutationInput): Promise<User> {
  const { count } = await db.user.updateMany({ where: { id, ...live }, data });
  if (count === 0) throw new NotFoundError('User');
  return db.user.findUniqueOrThrow({ where: { id } });
}
