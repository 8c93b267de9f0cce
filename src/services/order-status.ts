import type { Database } from '../db/client';
import { inTransaction } from '../db/transaction';
import type { Order, OrderStatus } from '../generated/prisma';
import { mayAccessOrder, ordersVisibleTo } from './access';
import { InvalidStateTransitionError, NotFoundError } from './errors';
import { CANCELLABLE_STATUSES, statusUpdateSources } from './order-process';
import { requireRole, requireViewer, type Viewer } from './viewer';

/** Why a guarded status update matched no row: the order is not there (for this viewer), or in another status. */
async function refusal(db: Database, viewer: Viewer, id: number, to: OrderStatus): Promise<never> {
  const order = await db.order.findUnique({ where: { id }, select: { status: true, userId: true } });
  if (!order || !mayAccessOrder(viewer, order)) throw new NotFoundError('Order');
  throw new InvalidStateTransitionError(order.status, to);
}

/**
 * Cancels an order and puts its stock back, in one transaction: only from a cancellable status
 * (src/services/order-process.ts), by the owner or an admin.
 * @throws UNAUTHENTICATED; NOT_FOUND (also for another user's order); INVALID_STATE_TRANSITION (nothing restocked).
 */
export async function cancelOrder(db: Database, viewer: Viewer, id: number): Promise<Order> {
  const signedIn = requireViewer(viewer);
  const cancelled = await inTransaction(db, async (tx) => {
    // The guarded update locks the order: of two racing cancels, one finds it CANCELLED and matches nothing.
    const { count } = await tx.order.updateMany({
      where: { id, status: { in: CANCELLABLE_STATUSES }, ...ordersVisibleTo(signedIn) },
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
 * Moves an order along the order process (admins only) as one guarded update, so two racing
 * moves cannot both win. Cancelling is cancelOrder's, which puts the stock back.
 * @throws UNAUTHENTICATED, FORBIDDEN (not an admin); NOT_FOUND; INVALID_STATE_TRANSITION (any move the process does not allow).
 */
export async function updateOrderStatus(db: Database, viewer: Viewer, id: number, to: OrderStatus): Promise<Order> {
  requireRole(viewer, 'ADMIN');
  const from = statusUpdateSources(to);
  if (from.length > 0) {
    const { count } = await db.order.updateMany({ where: { id, status: { in: from } }, data: { status: to } });
    if (count === 1) return db.order.findUniqueOrThrow({ where: { id } });
  }
  return refusal(db, viewer, id, to);
}
