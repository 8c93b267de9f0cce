import { expect } from 'vitest';
import type { Database } from '../../src/db/client';
import { toGlobalId } from '../../src/graphql/global-id';

/** Rows that a failed mutation must leave as they were. */
export async function shopState(db: Database) {
  const [state] = await db.$queryRaw<[{ orders: number; items: number; stock: string; statuses: string }]>`
    SELECT (SELECT count(*)::int FROM orders) AS orders,
           (SELECT count(*)::int FROM order_items) AS items,
           (SELECT string_agg(id || ':' || stock, ',' ORDER BY id) FROM products) AS stock,
           (SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM orders) AS statuses`;
  return state;
}

/** Every order's total is the sum of its lines' quantity * unit price, and no stock is negative. */
export async function expectConsistentShop(db: Database) {
  const [totals] = await db.$queryRaw<[{ orders_total: string | null; lines_total: string | null; mismatched: number; negative: number }]>`
    SELECT (SELECT sum(total_price)::text FROM orders) AS orders_total,
           (SELECT sum(quantity * unit_price)::text FROM order_items) AS lines_total,
           (SELECT count(*)::int FROM orders o
              WHERE o.total_price <> (SELECT coalesce(sum(quantity * unit_price), 0) FROM order_items i WHERE i.order_id = o.id)) AS mismatched,
           (SELECT count(*)::int FROM products WHERE stock < 0) AS negative`;
  expect(totals.orders_total).toBe(totals.lines_total);
  expect(totals.mismatched).toBe(0);
  expect(totals.negative).toBe(0);
}

/** Units of each product taken by orders that are not cancelled. */
export async function unitsSold(db: Database, productIds: number[]): Promise<Map<number, number>> {
  const rows = await db.$queryRaw<{ product_id: number; sold: number }[]>`
    SELECT i.product_id, sum(i.quantity)::int AS sold FROM order_items i JOIN orders o ON o.id = i.order_id
    WHERE o.status <> 'CANCELLED' AND i.product_id = ANY(${productIds}::int[]) GROUP BY i.product_id`;
  return new Map(productIds.map((id) => [id, rows.find((row) => row.product_id === id)?.sold ?? 0]));
}

/** A new product with a unique sku, and its global ID. */
export async function newProduct(db: Database, stock: number, price = '10.00') {
  const sku = `P-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  const product = await db.product.create({ data: { sku, name: `Product ${sku}`, price, stock } });
  return { ...product, gid: toGlobalId('Product', product.id) };
}
