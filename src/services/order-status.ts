import type { Database } from '../db/client';
import { inTransaction } from '../db/transaction';
import type { Order, OrderStatus } from '../generated/prisma';
import { InvalidStateTransitionError, NotFoundError } from './errors';
import { isAdmin, requireRole, requireViewer, type Viewer } from './viewer';

/** The only forward moves: each status and the one it may come from. */
const PREVIOUS: Partial<Record<OrderStatus, OrderStatus>> = { PAID: 'PENDING', SHIPPED: 'PAID', DELIVERED: 'SHIPPED' };
const CANCELLABLE: OrderStatus[] = ['PENDING', 'PAID'];

/** Why a guarded status update matched no row: the order is not there (for this viewer), or in another status. */
async function refusal(db: Database, viewer: Viewer, id: number, to: OrderStatus): Promise<never> {
  const order = await db.order.findUnique({ where: { id }, select: { status: true, userId: true } });
  if (!order || !(isAdmin(viewer) || order.userId === viewer?.userId)) throw new NotFoundError('Order');
  throw new InvalidStateTransitionError(order.status, to);
}

/**
 * Cancels a PENDING or PAID order and puts its stock back, in one transaction: the owner or an
 * admin (others get NOT_FOUND). Any other status is INVALID_STATE_TRANSITION and restocks nothing.
 */
export async function cancelOrder(db: Database, viewer: Viewer, id: number): Promise<Order> {
  const signedIn = requireViewer(viewer);
  const cancelled = await inTransaction(db, async (tx) => {
    // The guarded update locks the order: of two racing cancels, one finds it CANCELLED and matches nothing.
    const { count } = await tx.order.updateMany({
      where: { id, status: { in: CANCELLABLE }, ...(isAdmin(viewer) ? {} : { userId: signedIn.userId }) },
      data: { status: 'CANCELLED' },
    });
    if (count === 0) return null;
    // One statement per product, in ascending product id: the order placeOrder locks them in, so a
    // cancellation and an order on the same products cannot deadlock.
    const items = await tx.orderItem.findMany({ where: { orderId: id }, orderBy: { productId: 'asc' } });
    for (const item of items) {
      await tx.$executeRaw`UPDATE products SET stock = stock + ${item.quantity}, updated_at = now() WHERE id = ${item.productId}`;
    }
    return tx.order.findUniqueOrThrow({ where: { id } });
  });
  return cancelled ?? refusal(db, viewer, id, 'CANCELLED');
}

/**
 * Moves an order one step along PENDING -> PAID -> SHIPPED -> DELIVERED (admins only), as one
 * guarded update, so two racing moves cannot both win. Any other move is INVALID_STATE_TRANSITION.
 */
export async function updateOrderStatus(db: Database, viewer: Viewer, id: number, to: OrderStatus): Promise<Order> {
  requireRole(viewer, 'ADMIN');
  const from = PREVIOUS[to];
  if (from) {
    const { count } = await db.order.updateMany({ where: { id, status: from }, data: { status: to } });
    if (count === 1) return db.order.findUniqueOrThrow({ where: { id } });
  }
  return refusal(db, viewer, id, to);
}
