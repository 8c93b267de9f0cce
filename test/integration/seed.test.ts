import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED_OPTIONS } from '../../seed/generate';
import { seedDemoData } from '../../seed/seed';
import { useTestDatabase } from '../support/database';

const database = useTestDatabase(2);
const options = { ...DEFAULT_SEED_OPTIONS, users: 30, products: 25, orders: 400, seed: 11 };

/** Every shop row, in a canonical text form: equal snapshots mean equal data. */
async function snapshot(): Promise<string> {
  const [row] = await database.prisma.$queryRaw<[{ snapshot: string }]>`
    SELECT concat_ws('|',
      (SELECT string_agg(concat_ws(',', id, email, name, role, created_at), ';' ORDER BY id) FROM users),
      (SELECT string_agg(concat_ws(',', id, sku, name, description, price, stock), ';' ORDER BY id) FROM products),
      (SELECT string_agg(concat_ws(',', id, user_id, status, total_price, placed_at), ';' ORDER BY id) FROM orders),
      (SELECT string_agg(concat_ws(',', id, order_id, product_id, product_name, unit_price, quantity), ';' ORDER BY id) FROM order_items)
    ) AS snapshot`;
  return row.snapshot;
}

describe('npm run seed (seedDemoData)', () => {
  it('writes the same rows for the same flags, and replaces what was there', async () => {
    await seedDemoData(database.prisma, options);
    const first = await snapshot();
    await database.prisma.product.update({ where: { id: 1 }, data: { stock: 999_999 } });
    await seedDemoData(database.prisma, { ...options, seed: 12 });
    expect(await snapshot()).not.toBe(first);
    await seedDemoData(database.prisma, options);
    expect(await snapshot()).toBe(first);
  });

  it('leaves planner statistics for every table it wrote (ANALYZE)', async () => {
    await seedDemoData(database.prisma, options);
    const analyzed = await database.prisma.$queryRaw<{ tablename: string }[]>`
      SELECT DISTINCT tablename::text FROM pg_stats WHERE schemaname = 'public' ORDER BY 1`;
    expect(analyzed.map((row) => row.tablename)).toEqual(expect.arrayContaining(['order_items', 'orders', 'products', 'users']));
  });

  it('writes a consistent shop', async () => {
    await seedDemoData(database.prisma, options);
    const [counts] = await database.prisma.$queryRaw<[{ users: number; products: number; orders: number }]>`
      SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM products) AS products,
             (SELECT count(*)::int FROM orders) AS orders`;
    expect(counts).toEqual({ users: options.users + 3, products: options.products, orders: options.orders });

    const mismatched = await database.prisma.$queryRaw<unknown[]>`
      SELECT o.id FROM orders o JOIN order_items i ON i.order_id = o.id
      GROUP BY o.id HAVING o.total_price <> sum(i.quantity * i.unit_price)`;
    expect(mismatched).toEqual([]);

    const [shape] = await database.prisma.$queryRaw<[{ min_lines: number; max_lines: number; negative_stock: number }]>`
      SELECT min(lines)::int AS min_lines, max(lines)::int AS max_lines,
             (SELECT count(*)::int FROM products WHERE stock < 0) AS negative_stock
      FROM (SELECT count(*) AS lines FROM order_items GROUP BY order_id) per_order`;
    expect(shape).toEqual({ min_lines: 1, max_lines: 5, negative_stock: 0 });

    const statuses = await database.prisma.order.groupBy({ by: ['status'], _count: true });
    expect(statuses.map((row) => row.status).sort()).toEqual(['CANCELLED', 'DELIVERED', 'PAID', 'PENDING', 'SHIPPED']);

    const fixed = await database.prisma.user.findMany({
      where: { email: { in: ['admin@example.com', 'analyst@example.com', 'alice@example.com'] } },
      select: { email: true, role: true, _count: { select: { orders: true } } },
      orderBy: { email: 'asc' },
    });
    expect(fixed.map(({ email, role }) => [email, role])).toEqual([
      ['admin@example.com', 'ADMIN'],
      ['alice@example.com', 'CUSTOMER'],
      ['analyst@example.com', 'ANALYST'],
    ]);
    expect(fixed.find((user) => user.email === 'alice@example.com')!._count.orders).toBeGreaterThan(0);
  });

  it('moves the id sequences past the seeded rows', async () => {
    await seedDemoData(database.prisma, options);
    const product = await database.prisma.product.create({ data: { sku: 'NEW-1', name: 'New', price: '1.00' } });
    expect(product.id).toBe(options.products + 1);
  });
});
