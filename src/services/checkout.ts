import { createHash } from 'node:crypto';
import type { Database } from '../db/client';
import { sqlState } from '../db/errors';
import { LIVE_SQL } from '../db/live';
import { withRetries } from '../db/transaction';
import { Prisma, type Order } from '../generated/prisma';
import { BadUserInputError, ForbiddenError, IdempotencyKeyReusedError, InsufficientStockError, NotFoundError } from './errors';
import { toOrder, type OrderRow } from './orders';
import * as valid from './validation';
import { mayAccessUser } from './access';
import { requireViewer, type Viewer } from './viewer';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 10_000;
const MAX_KEY_LENGTH = 255;

export interface PlaceOrderInput {
  items: { productId: number; quantity: number }[];
  idempotencyKey?: string | null;
  /** Whom the order is for: the viewer when null. */
  userId?: number | null;
}

/** A validated order request: lines merged by product, in ascending product id (the lock order). */
export interface OrderRequest {
  userId: number;
  lines: { productId: number; quantity: number }[];
  idempotencyKey: string | null;
}

/**
 * Validates and normalises placeOrder's input (pure: no database).
 * @throws BAD_USER_INPUT (line count, quantity, key length); FORBIDDEN (a customer ordering for someone else).
 */
export function parseOrderRequest(viewer: NonNullable<Viewer>, input: PlaceOrderInput): OrderRequest {
  if (input.items.length < 1 || input.items.length > MAX_LINES) {
    throw new BadUserInputError(`An order has 1-${MAX_LINES} lines.`, 'items');
  }
  const merged = new Map<number, number>();
  for (const line of input.items) {
    valid.integerInRange(line.quantity, 1, MAX_QUANTITY, 'quantity');
    merged.set(line.productId, (merged.get(line.productId) ?? 0) + line.quantity);
  }
  const key = input.idempotencyKey ?? null;
  if (key !== null && (key.length < 1 || key.length > MAX_KEY_LENGTH)) {
    throw new BadUserInputError(`idempotencyKey must be 1-${MAX_KEY_LENGTH} characters.`, 'idempotencyKey');
  }
  const userId = input.userId ?? viewer.userId;
  if (!mayAccessUser(viewer, userId)) throw new ForbiddenError('Only admins may place orders for other users.');
  const lines = [...merged].sort(([a], [b]) => a - b).map(([productId, quantity]) => ({ productId, quantity }));
  return { userId, lines, idempotencyKey: key };
}

/** What identifies "the same input" for an idempotency key. */
export function requestHash(request: OrderRequest): string {
  return createHash('sha256')
    .update(JSON.stringify([request.userId, request.lines]))
    .digest('hex');
}

/**
 * The statement that places an order, all or nothing: the order already placed with this
 * idempotency key if there is one; else it locks the lines' live products in ascending id order
 * (so that concurrent orders cannot deadlock), and only if every line has the stock (and the user
 * is live) takes it and writes the order and its lines, with the products' names and prices as
 * snapshots and the total summed from them. One round trip, and one transaction on its own:
 * autocommitted, the hot rows stay locked only while it runs. Returns one row: the order with
 * `outcome` 'placed' or 'existing', or `outcome` 'refused' with what the refusal saw under the
 * locks (`user_live`, and `stock`: each locked product's id and stock).
 */
export function placeOrderSql(request: OrderRequest, hash: string | null): Prisma.Sql {
  const productIds = request.lines.map((line) => line.productId);
  const quantities = request.lines.map((line) => line.quantity);
  return Prisma.sql`
    WITH existing AS (
      SELECT * FROM orders
      WHERE ${request.idempotencyKey}::text IS NOT NULL AND user_id = ${request.userId} AND idempotency_key = ${request.idempotencyKey}::text
    ), locked AS MATERIALIZED (
      SELECT p.id, p.stock, line.quantity
      FROM products p JOIN unnest(${productIds}::int[], ${quantities}::int[]) AS line (product_id, quantity) ON line.product_id = p.id
      WHERE ${LIVE_SQL} AND NOT EXISTS (SELECT FROM existing)
      ORDER BY p.id
      FOR NO KEY UPDATE OF p
    ), ready AS (
      -- Exactly one row, locked lines or not: whether to take the stock, and what a refusal saw.
      SELECT count(locked.id) = ${productIds.length} AND coalesce(bool_and(locked.stock >= locked.quantity), false)
          AND buyer.user_live AS ok,
        buyer.user_live,
        coalesce(jsonb_object_agg(locked.id, locked.stock) FILTER (WHERE locked.id IS NOT NULL), '{}') AS stock
      FROM (SELECT EXISTS (SELECT FROM users WHERE id = ${request.userId} AND ${LIVE_SQL}) AS user_live) AS buyer
        LEFT JOIN locked ON true
      GROUP BY buyer.user_live
    ), taken AS (
      -- From locked.stock, not p.stock: p is read with the statement's snapshot, which may predate
      -- a concurrent restock that locked waited for; PostgreSQL checks CHECK (stock >= 0) on that
      -- stale row before it notices and retries with the latest. The lock makes locked.stock current.
      UPDATE products p SET stock = locked.stock - locked.quantity, updated_at = now()
      FROM locked WHERE p.id = locked.id AND (SELECT ok FROM ready)
      RETURNING p.id, p.name, p.price, locked.quantity
    ), placed AS (
      INSERT INTO orders (user_id, status, total_price, idempotency_key, request_hash, updated_at)
      SELECT ${request.userId}, 'PENDING', sum(price * quantity), ${request.idempotencyKey}::text, ${hash}::text, now()
      FROM taken HAVING count(*) > 0
      RETURNING *
    ), written AS (
      INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity)
      SELECT placed.id, taken.id, taken.name, taken.price, taken.quantity FROM placed, taken ORDER BY taken.id
    )
    SELECT 'placed' AS outcome, id, user_id, status, total_price, placed_at, updated_at, idempotency_key, request_hash,
      NULL::boolean AS user_live, NULL::jsonb AS stock
    FROM placed
    UNION ALL
    SELECT 'existing', id, user_id, status, total_price, placed_at, updated_at, idempotency_key, request_hash, NULL, NULL FROM existing
    UNION ALL
    SELECT 'refused', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, user_live, stock
    FROM ready WHERE NOT ok AND NOT EXISTS (SELECT FROM existing)`;
}

type PlaceOrderRow =
  (OrderRow & { outcome: 'placed' | 'existing' }) | { outcome: 'refused'; user_live: boolean; stock: Record<string, number> };

/** Why the statement placed nothing: the first failing check, in the order it makes them, on what it saw. */
function refusal(request: OrderRequest, userLive: boolean, stock: Record<string, number>): Error {
  if (!userLive) return new NotFoundError('User');
  for (const { productId, quantity } of request.lines) {
    const available = stock[productId];
    if (available === undefined) return new NotFoundError('Product');
    if (available < quantity) return new InsufficientStockError({ productId, requested: quantity, available });
  }
  return new Error('placeOrder placed nothing, yet every line had its stock');
}

const UNIQUE_VIOLATION = '23505';
const NUMERIC_VALUE_OUT_OF_RANGE = '22003';

async function placeOnce(db: Database, request: OrderRequest, hash: string | null): Promise<Order> {
  const [row] = await db.$queryRaw<PlaceOrderRow[]>(placeOrderSql(request, hash));
  if (!row) throw new Error('placeOrderSql returned no row');
  if (row.outcome === 'refused') throw refusal(request, row.user_live, row.stock);
  if (row.outcome === 'existing' && row.request_hash !== hash) throw new IdempotencyKeyReusedError();
  return toOrder(row);
}

/**
 * Places an order atomically: every line's stock is taken (guarded, in ascending product id
 * order, so concurrent orders cannot deadlock) or none is; one idempotency key places one order.
 * One autocommitted statement: no BEGIN or COMMIT round trip, and a hot product's row is locked
 * only while it runs, refused or not.
 * @throws UNAUTHENTICATED; INSUFFICIENT_STOCK, NOT_FOUND (product or user), IDEMPOTENCY_KEY_REUSED,
 * BAD_USER_INPUT (also a total too large to store), FORBIDDEN, all before any stock is taken.
 */
export async function placeOrder(db: Database, viewer: Viewer, input: PlaceOrderInput): Promise<Order> {
  const signedIn = requireViewer(viewer);
  const request = parseOrderRequest(signedIn, input);
  const hash = request.idempotencyKey === null ? null : requestHash(request);
  let replayed = false;
  for (;;) {
    try {
      return await withRetries(() => placeOnce(db, request, hash));
    } catch (error) {
      // Two requests raced with one new idempotency key: the loser's order hit the (user, key)
      // unique index and rolled back; running it again finds the winner's order and replays it.
      if (!replayed && hash !== null && sqlState(error) === UNIQUE_VIOLATION) {
        replayed = true;
        continue;
      }
      if (sqlState(error) === NUMERIC_VALUE_OUT_OF_RANGE) {
        throw new BadUserInputError('The order total is too large to store; split the order.', 'items');
      }
      throw error;
    }
  }
}
