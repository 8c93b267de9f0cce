/**
 * The checkout statement against a row another transaction holds: deterministic versions of
 * races the concurrency suite only meets by chance. The other transaction is a pg client whose
 * COMMIT the test sends once the checkout is seen waiting for the row lock.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../src/services/checkout';
import { useTestDatabase } from '../support/database';

const database = useTestDatabase(4);

/** Resolves once some statement of this database waits for a lock. */
async function someoneWaitsForALock(client: pg.Client) {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const { rows } = await client.query<{ waiting: number }>(
      "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if (rows[0]!.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('nothing ever waited for a lock');
}

describe('checkout against a locked row', () => {
  it('sells the unit a restock committed while the order waited for the row (no stale CHECK violation, no false refusal)', async () => {
    const buyer = await database.prisma.user.create({ data: { email: 'waiter@example.com', name: 'Waiter' } });
    const product = await database.prisma.product.create({ data: { sku: 'LOCKED-1', name: 'Locked', price: '4.00', stock: 0 } });
    const restock = new pg.Client({ connectionString: database.url });
    const observer = new pg.Client({ connectionString: database.url });
    await Promise.all([restock.connect(), observer.connect()]);
    try {
      await restock.query('BEGIN');
      await restock.query('UPDATE products SET stock = stock + 1 WHERE id = $1', [product.id]);
      const order = placeOrder(
        database.prisma,
        { userId: buyer.id, role: 'CUSTOMER' },
        { items: [{ productId: product.id, quantity: 1 }] },
      );
      await someoneWaitsForALock(observer);
      await restock.query('COMMIT');
      expect((await order).totalPrice.toFixed(2)).toBe('4.00');
      expect((await database.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(0);
    } finally {
      await Promise.all([restock.end(), observer.end()]);
    }
  });
});
