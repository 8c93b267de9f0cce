/**
 * Who may see what, written once (as Saleor's named querysets): a user's private data and orders
 * belong to that user and to admins. Services ask these; none restates the rule.
 */
import { isAdmin, type Viewer } from './viewer';

/** Whether the viewer may see and act on this user's private data: the user themself or an admin. */
export const mayAccessUser = (viewer: Viewer, userId: number): boolean => isAdmin(viewer) || viewer?.userId === userId;

/** Whether the viewer may see and act on this order: its owner or an admin. */
export const mayAccessOrder = (viewer: Viewer, order: { userId: number }): boolean => mayAccessUser(viewer, order.userId);

/**
 * The orders the viewer may see, as a filter that is both a Prisma `where` and an orders-page
 * filter (src/db/reads/pages.ts): every order for admins, else the viewer's own.
 */
export const ordersVisibleTo = (viewer: NonNullable<Viewer>): { userId?: number } => (isAdmin(viewer) ? {} : { userId: viewer.userId });
