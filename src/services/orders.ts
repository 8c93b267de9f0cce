import type { Database } from '../db/client';
import { Prisma, type Order, type OrderStatus } from '../generated/prisma';
import { afterCursor, cursorDate, decodeCursor, lazyCount, pageSize, toPage, type Page, type PageArgs, type PageSlice } from './pagination';
import * as valid from './validation';
import { isAdmin, requireViewer, type Viewer } from './viewer';

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

/**
 * A page of the orders the viewer may see, newest first: admins see all, everyone else their own
 * (another user's id in the filter gives an empty list). placedAfter is inclusive, placedBefore exclusive.
 */
export async function listOrders(db: Database, viewer: Viewer, args: PageArgs & { filter?: OrderFilter | null }): Promise<Page<Order>> {
  const signedIn = requireViewer(viewer);
  const size = pageSize(args.first);
  const filter = args.filter ?? {};
  const where: Prisma.OrderWhereInput = {};
  if (isAdmin(viewer)) {
    if (filter.userId != null) where.userId = filter.userId;
  } else {
    where.userId = filter.userId == null || filter.userId === signedIn.userId ? signedIn.userId : -1;
  }
  if (filter.status) where.status = filter.status;
  if (filter.placedAfter || filter.placedBefore) {
    where.placedAt = {
      ...(filter.placedAfter ? { gte: filter.placedAfter } : {}),
      ...(filter.placedBefore ? { lt: filter.placedBefore } : {}),
    };
  }
  if (filter.minTotal != null) where.totalPrice = { gte: valid.moneyBound(filter.minTotal, 'minTotal') };
  const cursor = decodeCursor(args.after, ORDERS_ORDER);
  const rows = await db.order.findMany({
    where: { AND: [where, afterCursor('placedAt', 'desc', cursor, cursorDate)] },
    orderBy: [{ placedAt: 'desc' }, { id: 'desc' }],
    take: size + 1,
  });
  return { ...toPage(rows, size, ORDERS_ORDER, placedAtKey), totalCount: lazyCount(() => db.order.count({ where })) };
}

/** The order if the viewer may see it (its owner or an admin), else null. */
export async function findVisibleOrder(db: Database, viewer: Viewer, id: number): Promise<Order | null> {
  const signedIn = requireViewer(viewer);
  const order = await db.order.findUnique({ where: { id } });
  return order && (isAdmin(viewer) || order.userId === signedIn.userId) ? order : null;
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
 */
export async function firstOrdersOfUsers(
  db: Database,
  userIds: readonly number[],
  args: PageArgs,
): Promise<Map<number, PageSlice<Order>>> {
  const size = pageSize(args.first);
  const cursor = decodeCursor(args.after, ORDERS_ORDER);
  const beforeCursor = cursor
    ? Prisma.sql`AND (placed_at, id) < (${cursorDate(cursor.key)}::timestamptz, ${cursor.id})`
    : Prisma.empty;
  const rows = await db.$queryRaw<OrderRow[]>`
    SELECT id, user_id, status, total_price, placed_at, updated_at, idempotency_key, request_hash
    FROM (
      SELECT o.*, row_number() OVER (PARTITION BY user_id ORDER BY placed_at DESC, id DESC) AS position
      FROM orders o
      WHERE user_id = ANY(${[...userIds]}::int[]) ${beforeCursor}
    ) ranked
    WHERE position <= ${size + 1}
    ORDER BY user_id, placed_at DESC, id DESC`;
  const byUser = new Map<number, Order[]>(userIds.map((id) => [id, []]));
  for (const row of rows) byUser.get(row.user_id)?.push(toOrder(row));
  return new Map([...byUser].map(([userId, orders]) => [userId, toPage(orders, size, ORDERS_ORDER, placedAtKey)]));
}
