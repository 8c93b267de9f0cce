import type { Reader } from '../db/reader';
import { orderById, orderItemById } from '../db/reads/rows';
import type { OrderItem } from '../generated/prisma';
import { mayAccessOrder } from './access';
import { isAdmin, requireViewer, type Viewer } from './viewer';

/**
 * An order line if the viewer may see its order (the owner or an admin), else null.
 * @throws UNAUTHENTICATED.
 */
export async function findVisibleOrderItem(reader: Reader, viewer: Viewer, id: number): Promise<OrderItem | null> {
  requireViewer(viewer);
  const item = await orderItemById(reader, id);
  if (!item || isAdmin(viewer)) return item; // an admin may see every order: no need to read it
  const order = await orderById(reader, item.orderId);
  return order && mayAccessOrder(viewer, order) ? item : null;
}
