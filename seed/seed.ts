import type { Database } from '../src/db/client';
import { generateSeedData, type SeedData, type SeedOptions } from './generate';

/**
 * Rows per INSERT. Each column travels as one array parameter (INSERT ... SELECT FROM unnest),
 * so a chunk costs one round trip and a handful of parameters, whatever its size.
 */
const CHUNK = 20_000;
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, onRows: (n: number) => void) {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await insert(chunk);
    onRows(chunk.length);
  }
}

/**
 * Replaces all shop data with the deterministic data set for these options, in one transaction
 * (a failed seed leaves the previous data as it was), then ANALYZEs it. Returns what was written.
 */
export async function seedDemoData(
  db: Database,
  options: SeedOptions,
  onProgress: (message: string) => void = () => {},
): Promise<SeedData> {
  const data = generateSeedData(options);
  const total = data.users.length + data.products.length + data.orders.length + data.items.length;
  let written = 0;
  let reported = 0;
  const onRows = (n: number) => {
    written += n;
    if (written - reported >= 50_000 || written === total) {
      reported = written;
      onProgress(`seed: ${written}/${total} rows`);
    }
  };
  await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`TRUNCATE order_items, orders, products, users RESTART IDENTITY`;
      await insertInChunks(
        data.users,
        (rows) => tx.$executeRaw`
        INSERT INTO users (id, email, name, role, created_at, updated_at)
        SELECT id, email, name, role::role, created_at, created_at FROM unnest(
          ${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.email)}::text[], ${rows.map((r) => r.name)}::text[],
          ${rows.map((r) => r.role)}::text[], ${iso(rows.map((r) => r.createdAt))}::timestamptz[]
        ) AS row (id, email, name, role, created_at)`,
        onRows,
      );
      await insertInChunks(
        data.products,
        (rows) => tx.$executeRaw`
        INSERT INTO products (id, sku, name, description, price, stock, created_at, updated_at)
        SELECT id, sku, name, description, price, stock, created_at, created_at FROM unnest(
          ${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.sku)}::text[], ${rows.map((r) => r.name)}::text[],
          ${rows.map((r) => r.description)}::text[], ${rows.map((r) => r.price)}::numeric[],
          ${rows.map((r) => r.stock)}::int[], ${iso(rows.map((r) => r.createdAt))}::timestamptz[]
        ) AS row (id, sku, name, description, price, stock, created_at)`,
        onRows,
      );
      await insertInChunks(
        data.orders,
        (rows) => tx.$executeRaw`
        INSERT INTO orders (id, user_id, status, total_price, placed_at, updated_at)
        SELECT id, user_id, status::order_status, total_price, placed_at, placed_at FROM unnest(
          ${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.userId)}::int[], ${rows.map((r) => r.status)}::text[],
          ${rows.map((r) => r.totalPrice)}::numeric[], ${iso(rows.map((r) => r.placedAt))}::timestamptz[]
        ) AS row (id, user_id, status, total_price, placed_at)`,
        onRows,
      );
      await insertInChunks(
        data.items,
        (rows) => tx.$executeRaw`
        INSERT INTO order_items (id, order_id, product_id, product_name, unit_price, quantity)
        SELECT * FROM unnest(
          ${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.orderId)}::int[], ${rows.map((r) => r.productId)}::int[],
          ${rows.map((r) => r.productName)}::text[], ${rows.map((r) => r.unitPrice)}::numeric[], ${rows.map((r) => r.quantity)}::int[]
        )`,
        onRows,
      );
      // Rows were written with explicit ids: move the sequences past them.
      await tx.$executeRaw`SELECT setval(pg_get_serial_sequence('users', 'id'), GREATEST(MAX(id), 1)) FROM users`;
      await tx.$executeRaw`SELECT setval(pg_get_serial_sequence('products', 'id'), GREATEST(MAX(id), 1)) FROM products`;
      await tx.$executeRaw`SELECT setval(pg_get_serial_sequence('orders', 'id'), GREATEST(MAX(id), 1)) FROM orders`;
      await tx.$executeRaw`SELECT setval(pg_get_serial_sequence('order_items', 'id'), GREATEST(MAX(id), 1)) FROM order_items`;
    },
    { maxWait: 10_000, timeout: 30 * 60_000 },
  );
  // Planner statistics for what was just written: without them (and this machine's PostgreSQL
  // runs without autovacuum) plans go wrong, e.g. a json_agg page took 27 ms instead of 1.2 ms.
  await db.$executeRaw`ANALYZE users, products, orders, order_items`;
  return data;
}
