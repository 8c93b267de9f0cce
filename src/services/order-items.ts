import type { Database } from '../db/client';
import type { OrderItem } from '../generated/prisma';
import { isAdmin, requireViewer, type Viewer } from './viewer';

/** An order line if the viewer may see its order (the owner or an admin), else null. */
export async function findVisibleOrderItem(db: Database, viewer: Viewer, id: number): Promise<OrderItem | null> {
  const signedIn = requireViewer(viewer);
  const item = await db.orderItem.findUnique({ where: { id } });
  if (!item || isAdmin(viewer)) return item;
  const owned = await db.order.count({ where: { id: item.orderId, userId: signedIn.userId } });
  return owned ? item : null;
}
