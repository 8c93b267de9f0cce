/**
 * The bench's databases, on DATABASE_URL's server (or a throw-away embedded PostgreSQL):
 * - order_bench_read_<orders>: the demo shop seeded once with <orders> orders, VACUUM ANALYZEd,
 *   and kept for the next run (seeding 100,000 orders takes ~10 s);
 * - order_bench_checkout: reset on every run to one buyer, one hot product and many others.
 */
import { seedDemoData } from '../seed/seed';
import { DEFAULT_SEED_OPTIONS } from '../seed/generate';
import { openDatabase } from '../src/db/client';
import { ensureDatabase, withClient } from '../src/db/admin';
import { urlForDatabase } from '../src/db/connection-options';
import type { DatabaseServer } from '../src/db/locate';
import { applyPendingMigrations } from '../src/db/migrations';

export const CHECKOUT_STOCK = 100_000_000;

async function ensureMigratedDatabase(server: DatabaseServer, name: string): Promise<string> {
  await ensureDatabase(server.url, name);
  const url = urlForDatabase(server.url, name);
  await applyPendingMigrations(url);
  return url;
}

/** The read bench's shop: 50 orders per user, 500 products unless told; seeded only when its size differs. */
export async function readDatabase(
  server: DatabaseServer,
  orders: number,
  log: (message: string) => void,
  { products = 500, name = `order_bench_read_${orders}` } = {},
): Promise<string> {
  const url = await ensureMigratedDatabase(server, name);
  const seeded = await withClient(
    url,
    async (client) => (await client.query<{ count: number }>('SELECT count(*)::int AS count FROM orders')).rows[0]!.count,
  );
  if (seeded !== orders) {
    log(`seeding ${orders} orders (once; later runs reuse the database)`);
    const handle = openDatabase(url, 2);
    try {
      await seedDemoData(handle.prisma, { ...DEFAULT_SEED_OPTIONS, users: Math.max(10, orders / 50), products, orders });
    } finally {
      await handle.close();
    }
    await withClient(url, (client) => client.query('VACUUM ANALYZE'));
  }
  return url;
}

export interface CheckoutShop {
  url: string;
  buyerId: number;
  hotProductId: number;
  /** Products for the orders spread over many products (the hot one excluded). */
  spreadProductIds: number[];
}

/** The checkout bench's shop, emptied and refilled: a buyer, a hot product and `spread` others. */
export async function checkoutDatabase(server: DatabaseServer, spread: number): Promise<CheckoutShop> {
  const url = await ensureMigratedDatabase(server, 'order_bench_checkout');
  return withClient(url, async (client) => {
    await client.query('TRUNCATE order_items, orders, products, users RESTART IDENTITY');
    const buyer = await client.query<{ id: number }>(
      "INSERT INTO users (email, name, updated_at) VALUES ('buyer@example.com', 'Bench Buyer', now()) RETURNING id",
    );
    const products = await client.query<{ id: number }>(
      `INSERT INTO products (sku, name, price, stock, updated_at)
       SELECT 'BENCH-' || n, 'Bench product ' || n, 9.99, $1, now() FROM generate_series(1, $2) AS n RETURNING id`,
      [CHECKOUT_STOCK, spread + 1],
    );
    await client.query('VACUUM ANALYZE');
    const ids = products.rows.map((row) => row.id).sort((a, b) => a - b);
    return { url, buyerId: buyer.rows[0]!.id, hotProductId: ids[0]!, spreadProductIds: ids.slice(1) };
  });
}

/** Stock taken == units in order lines for every product, and no stock below zero. */
export async function checkoutInvariant(url: string): Promise<{ oversold: number; unaccounted: number; orders: number }> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ oversold: number; unaccounted: number; orders: number }>(
      `SELECT (SELECT count(*)::int FROM products WHERE stock < 0) AS oversold,
              (SELECT count(*)::int FROM products p
                 WHERE p.stock + coalesce((SELECT sum(quantity) FROM order_items i WHERE i.product_id = p.id), 0) <> $1) AS unaccounted,
              (SELECT count(*)::int FROM orders) AS orders`,
      [CHECKOUT_STOCK],
    );
    return rows[0]!;
  });
}
