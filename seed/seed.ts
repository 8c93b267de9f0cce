import type { Database } from '../src/db/client';
import { generateSeedData, type SeedData, type SeedOptions } from './generate';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table. */
const CHUNK = 5_000;

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, onRows: (n: number) => void) {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await insert(chunk);
    onRows(chunk.length);
  }
}

/**
 * Replaces all shop data with the deterministic data set for these options, in one transaction:
 * a failed seed leaves the previous data as it was. Returns what was written.
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
      await insertInChunks(data.users, (chunk) => tx.user.createMany({ data: chunk }), onRows);
      await insertInChunks(data.products, (chunk) => tx.product.createMany({ data: chunk }), onRows);
      await insertInChunks(data.orders, (chunk) => tx.order.createMany({ data: chunk }), onRows);
      await insertInChunks(data.items, (chunk) => tx.orderItem.createMany({ data: chunk }), onRows);
      // Rows were written with explicit ids: move the sequences past them.
      await tx.$executeRaw`SELECT setval(pg_get_serial_sequence('users', 'id'), GREATEST(MAX(id), 1)) FROM users`;
      await tx.$executeRaw`SELECT setval(pg_get_serial_sequence('products', 'id'), GREATEST(MAX(id), 1)) FROM products`;
      await tx.$executeRaw`SELECT setval(pg_get_serial_sequence('orders', 'id'), GREATEST(MAX(id), 1)) FROM orders`;
      await tx.$executeRaw`SELECT setval(pg_get_serial_sequence('order_items', 'id'), GREATEST(MAX(id), 1)) FROM order_items`;
    },
    { maxWait: 10_000, timeout: 30 * 60_000 },
  );
  return data;
}
