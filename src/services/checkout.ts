import { createHash } from 'node:crypto';
import type { Database } from '../db/client';
import { inTransaction, type Transaction } from '../db/transaction';
import { Prisma, type Order } from '../generated/prisma';
import { BadUserInputError, ForbiddenError, IdempotencyKeyReusedError, InsufficientStockError, NotFoundError } from './errors';
import { idOf, toGlobalId } from './global-id';
import { toOrder, type OrderRow } from './orders';
import * as valid from './validation';
import { isAdmin, requireViewer, type Viewer } from './viewer';

export const MAX_LINES = 100;
export const MAX_QUANTITY = 10_000;
const MAX_KEY_LENGTH = 255;

export interface PlaceOrderInput {
  items: { productId: string; quantity: number }[];
  idempotencyKey?: string | null;
  userId?: string | null;
}

/** A validated order request: lines merged by product, in ascending product id (the lock order). */
export interface OrderRequest {
  userId: number;
  lines: { productId: number; quantity: number }[];
  idempotencyKey: string | null;
}

/** Validates and normalises placeOrder's input (pure: no database). Throws BAD_USER_INPUT or FORBIDDEN. */
export function parseOrderRequest(viewer: NonNullable<Viewer>, input: PlaceOrderInput): OrderRequest {
  if (input.items.length < 1 || input.items.length > MAX_LINES) {
    throw new BadUserInputError(`An order has 1-${MAX_LINES} lines.`, 'items');
  }
  const merged = new Map<number, number>();
  for (const line of input.items) {
    const productId = idOf('Product', line.productId, 'productId');
    valid.integerInRange(line.quantity, 1, MAX_QUANTITY, 'quantity');
    merged.set(productId, (merged.get(productId) ?? 0) + line.quantity);
  }
  const key = input.idempotencyKey ?? null;
  if (key !== null && (key.length < 1 || key.length > MAX_KEY_LENGTH)) {
    throw new BadUserInputError(`idempotencyKey must be 1-${MAX_KEY_LENGTH} characters.`, 'idempotencyKey');
  }
  let userId = viewer.userId;
  if (input.userId != null) {
    userId = idOf('User', input.userId, 'userId');
    if (userId !== viewer.userId && !isAdmin(viewer)) throw new ForbiddenError('Only admins may place orders for other users.');
  }
  const lines = [...merged].sort(([a], [b]) => a - b).map(([productId, quantity]) => ({ productId, quantity }));
  return { userId, lines, idempotencyKey: key };
}

/** What identifies "the same input" for an idempotency key. */
export function requestHash(request: OrderRequest): string {
  return createHash('sha256').update(JSON.stringify([request.userId, request.lines])).digest('hex');
}

/** Takes `quantity` of a live product in one guarded statement; returns its name and price, or why not. */
async function takeStock(tx: Transaction, productId: number, quantity: number) {
  const [taken] = await tx.$queryRaw<{ name: string; price: Prisma.Decimal }[]>`
    UPDATE products SET stock = stock - ${quantity}, updated_at = now()
    WHERE id = ${productId} AND deleted_at IS NULL AND stock >= ${quantity}
    RETURNING name, price`;
  if (taken) return taken;
  const product = await tx.product.findFirst({ where: { id: productId, deletedAt: null }, select: { stock: true } });
  if (!product) throw new NotFoundError('Product');
  throw new InsufficientStockError({ productId: toGlobalId('Product', productId), requested: quantity, available: product.stock });
}

/** The order already placed with this key, if any: the same one when the input matches. */
async function replay(tx: Transaction, request: OrderRequest, hash: string): Promise<Order | null> {
  if (request.idempotencyKey === null) return null;
  // Serialises concurrent requests with the same key; released when the transaction ends.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${request.userId}::int, hashtext(${request.idempotencyKey}))`;
  const existing = await tx.order.findUnique({
    where: { userId_idempotencyKey: { userId: request.userId, idempotencyKey: request.idempotencyKey } },
  });
  if (existing && existing.requestHash !== hash) throw new IdempotencyKeyReusedError();
  return existing;
}

/** Writes the order and its lines in one statement; the total is the sum of the lines' snapshots. */
async function insertOrder(
  tx: Transaction,
  request: OrderRequest,
  lines: { productId: number; quantity: number; productName: string; unitPrice: Prisma.Decimal }[],
  hash: string | null,
): Promise<Order> {
  const total = lines.reduce((sum, line) => sum.add(line.unitPrice.mul(line.quantity)), new Prisma.Decimal(0));
  const [row] = await tx.$queryRaw<OrderRow[]>`
    WITH placed AS (
      INSERT INTO orders (user_id, status, total_price, idempotency_key, request_hash, updated_at)
      VALUES (${request.userId}, 'PENDING', ${total}, ${request.idempotencyKey}, ${hash}, now())
      RETURNING *
    ), written AS (
      INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity)
      SELECT placed.id, line.* FROM placed, unnest(
        ${lines.map((line) => line.productId)}::int[], ${lines.map((line) => line.productName)}::text[],
        ${lines.map((line) => line.unitPrice.toFixed(2))}::numeric[], ${lines.map((line) => line.quantity)}::int[]
      ) AS line
    )
    SELECT id, user_id, status, total_price, placed_at, updated_at, idempotency_key, request_hash FROM placed`;
  return toOrder(row!);
}

/**
 * Places an order atomically: every line's stock is taken (guarded, in ascending product id
 * order, so concurrent orders cannot deadlock) or none is. Throws INSUFFICIENT_STOCK, NOT_FOUND
 * (product or user), IDEMPOTENCY_KEY_REUSED, BAD_USER_INPUT, FORBIDDEN.
 */
export async function placeOrder(db: Database, viewer: Viewer, input: PlaceOrderInput): Promise<Order> {
  const signedIn = requireViewer(viewer);
  const request = parseOrderRequest(signedIn, input);
  const hash = requestHash(request);
  return inTransaction(db, async (tx) => {
    const previous = await replay(tx, request, hash);
    if (previous) return previous;
    // The viewer's own row was checked when the request was authenticated; another user's is checked here.
    if (request.userId !== signedIn.userId) {
      const user = await tx.user.findFirst({ where: { id: request.userId, deletedAt: null }, select: { id: true } });
      if (!user) throw new NotFoundError('User');
    }
    const lines = [];
    for (const line of request.lines) {
      const product = await takeStock(tx, line.productId, line.quantity);
      lines.push({ ...line, productName: product.name, unitPrice: product.price });
    }
    return insertOrder(tx, request, lines, request.idempotencyKey === null ? null : hash);
  });
}
