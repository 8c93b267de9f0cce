import { createHash } from 'node:crypto';
import type { Database } from '../db/client';
import { sqlState } from '../db/errors';
import { live, LIVE_SQL } from '../db/live';
import { inTransaction, isRetryable, TRANSACTION_ATTEMPTS, type Transaction } from '../db/transaction';
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
 * autocommitted, the hot rows stay locked only while it runs. Returns the order with `outcome`
 * 'placed' or 'existing', or no row when refused.
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
      SELECT count(*) = ${productIds.length} AND bool_and(stock >= quantity)
        AND EXISTS (SELECT FROM users WHERE id = ${request.userId} AND ${LIVE_SQL}) AS ok
      FROM locked
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
    SELECT 'placed' AS outcome, id, user_id, status, total_price, placed_at, updated_at, idempotency_key, request_hash FROM placed
    UNION ALL
    SELECT 'existing', id, user_id, status, total_price, placed_at, updated_at, idempotency_key, request_hash FROM existing`;
}

/** Why placeOrderSql placed nothing: the first failing check in the order the statement makes them. */
async function refusal(tx: Transaction, request: OrderRequest): Promise<Error> {
  // The statement still holds the lines' row locks, so this reads the stock it saw.
  const user = await tx.user.findFirst({ where: { id: request.userId, ...live }, select: { id: true } });
  if (!user) return new NotFoundError('User');
  const ids = request.lines.map((line) => line.productId);
  const products = await tx.product.findMany({ where: { id: { in: ids }, ...live }, select: { id: true, stock: true } });
  const stock = new Map(products.map((product) => [product.id, product.stock]));
  for (const { productId, quantity } of request.lines) {
    const available = stock.get(productId);
    if (available === undefined) return new NotFoundError('Product');
    if (available < quantity) return new InsufficientStockError({ productId, requested: quantity, available });
  }
  return new Error('placeOrder placed nothing, yet every line has its stock');
}

const UNIQUE_VIOLATION = '23505';

type PlacedRow = OrderRow & { outcome: 'placed' | 'existing' };

function answer(row: PlacedRow, hash: string | null): Order {
  if (row.outcome === 'existing' && row.request_hash !== hash) throw new IdempotencyKeyReusedError();
  return toOrder(row);
}

/**
 * Places an order atomically: every line's stock is taken (guarded, in ascending product id
 * order, so concurrent orders cannot deadlock) or none is; one idempotency key places one order.
 * @throws UNAUTHENTICATED; INSUFFICIENT_STOCK, NOT_FOUND (product or user), IDEMPOTENCY_KEY_REUSED,
 * BAD_USER_INPUT, FORBIDDEN, all before any stock is taken.
 */
export async function placeOrder(db: Database, viewer: Viewer, input: PlaceOrderInput): Promise<Order> {
  const signedIn = requireViewer(viewer);
  const request = parseOrderRequest(signedIn, input);
  const hash = request.idempotencyKey === null ? null : requestHash(request);
  for (let attempt = 1; ; attempt += 1) {
    try {
      // The statement alone, autocommitted: no BEGIN or COMMIT round trip, and a hot product's row
      // is locked only while it runs, not while this process gets round to sending COMMIT.
      const [row] = await db.$queryRaw<PlacedRow[]>(placeOrderSql(request, hash));
      if (row) return answer(row, hash);
      // Refused. Why, exactly, needs the stock it saw: run it again in a transaction that keeps the
      // lines locked while it reads them (and places the order if the stock came back meanwhile).
      return await inTransaction(db, async (tx) => {
        const [again] = await tx.$queryRaw<PlacedRow[]>(placeOrderSql(request, hash));
        if (!again) throw await refusal(tx, request);
        return answer(again, hash);
      });
    } catch (error) {
      // Two requests raced with one new idempotency key: the loser's order hit the (user, key)
      // unique index and rolled back; running again finds the winner's order and replays it.
      if (attempt === 1 && hash !== null && sqlState(error) === UNIQUE_VIOLATION) continue;
      // A deadlock or serialization failure of the lone statement: it took nothing; try again.
      if (attempt < TRANSACTION_ATTEMPTS && isRetryable(error)) continue;
      throw error;
    }
  }
}
