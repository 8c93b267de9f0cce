import type { Reader } from '../db/reader';
import { countOrders, ordersOfUsersPage, ordersPage, type OrdersFilter } from '../db/reads/pages';
import { orderById } from '../db/reads/rows';
import type { Order, OrderStatus, Prisma } from '../generated/prisma';
import { cursorDate, decodeCursor, lazyCount, pageSize, toPage, type Page, type PageArgs, type PageSlice } from './pagination';
import * as valid from './validation';
import { mayAccessOrder, mayAccessUser, ordersVisibleTo } from './access';
import { requireViewer, type Viewer } from './viewer';

export interface OrderFilter {
  status?: OrderStatus | null;
  userId?: number | null;
  placedAfter?: Date | null;
  placedBefore?: Date | null;
  minTotal?: Prisma.Decimal | null;
}

/** Orders are listed newest first: (placed_at, id) descending, served by the (.., placed_at DESC, id DESC) indexes. */
const ORDERS_ORDER = 'orders:placedAt:desc';
const placedAtKey = (order: Order) => order.placedAt.toISOString();
/** A user id no row has: filtering on a user whose orders the viewer may not see lists nothing. */
const NO_USER = -1;

/**
 * A page of the orders the viewer may see, newest first: admins see all, everyone else their own
 * (another user's id in the filter gives an empty list). placedAfter is inclusive, placedBefore exclusive.
 * @throws UNAUTHENTICATED; BAD_USER_INPUT (page size, cursor, minTotal).
 */
export async function listOrders(reader: Reader, viewer: Viewer, args: PageArgs & { filter?: OrderFilter | null }): Promise<Page<Order>> {
  const signedIn = requireViewer(viewer);
  const size = pageSize(args.first);
  const filter = args.filter ?? {};
  const where: OrdersFilter = ordersVisibleTo(signedIn);
  if (filter.userId != null) where.userId = mayAccessUser(signedIn, filter.userId) ? filter.userId : NO_USER;
  if (filter.status) where.status = filter.status;
  if (filter.placedAfter) where.placedAfter = filter.placedAfter;
  if (filter.placedBefore) where.placedBefore = filter.placedBefore;
  if (filter.minTotal != null) where.minTotal = valid.moneyBound(filter.minTotal, 'minTotal');
  const cursor = decodeCursor(args.after, ORDERS_ORDER);
  const after = cursor && { placedAt: cursorDate(cursor.key), id: cursor.id };
  const rows = await ordersPage(reader, where, after, size + 1);
  return { ...toPage(rows, size, ORDERS_ORDER, placedAtKey), totalCount: lazyCount(() => countOrders(reader, where)) };
}

/**
 * The order if the viewer may see it (its owner or an admin), else null.
 * @throws UNAUTHENTICATED.
 */
export async function findVisibleOrder(reader: Reader, viewer: Viewer, id: number): Promise<Order | null> {
  const signedIn = requireViewer(viewer);
  const order = await orderById(reader, id);
  return order && mayAccessOrder(signedIn, order) ? order : null;
}

/** Rows of the orders table as $queryRaw returns them. */
export interface OrderRow {
  id: number;
  user_id: number;
  status: OrderStatus;
  total_price: Prisma.Decimal;
  placed_at: Date;
  updated_at: Date;
  idempotency_key: string | null;
  request_hash: string | null;
}

/** An orders row from raw SQL as the Prisma model. */
export function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    totalPrice: row.total_price,
    placedAt: row.placed_at,
    updatedAt: row.updated_at,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
  };
}

/**
 * The first page of each user's orders, newest first, in one statement (a window per user):
 * what User.orders needs for a whole list of users. `cursor` applies to every user.
 * @throws BAD_USER_INPUT (page size, cursor).
 */
export async function firstOrdersOfUsers(
  reader: Reader,
  userIds: readonly number[],
  args: PageArgs,
): Promise<Map<number, PageSlice<Order>>> {
  const size = pageSize(args.first);
  const cursor = decodeCursor(args.after, ORDERS_ORDER);
  const before = cursor && { placedAt: cursorDate(cursor.key), id: cursor.id };
  const rows = await ordersOfUsersPage(reader, userIds, before, size + 1);
  const byUser = new Map<number, Order[]>(userIds.map((id) => [id, []]));
  for (const row of rows) byUser.get(row.userId)?.push(row);
  return new Map([...byUser].map(([userId, orders]) => [userId, toPage(orders, size, ORDERS_ORDER, placedAtKey)]));
}
