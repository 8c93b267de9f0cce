/**
 * The checkout statement against a row another transaction holds: deterministic versions of
 * races the concurrency suite only meets by chance. The other transaction is a pg client whose
 * COMMIT the test sends once the checkout is seen waiting for the row lock.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { placeOrder } from '../../src/services/checkout';
import { untilLockWaiters } from '../support/conditions';
import { useTestDatabase } from '../support/database';

const database = useTestDatabase(4);

describe('checkout against a locked row', () => {
  it('sells the unit a restock committed while the order waited for the row (no stale CHECK violation, no false refusal)', async () => {
    const buyer = await database.prisma.user.create({ data: { email: 'waiter@example.com', name: 'Waiter' } });
    const product = await database.prisma.product.create({ data: { sku: 'LOCKED-1', name: 'Locked', price: '4.00', stock: 0 } });
    const restock = new pg.Client({ connectionString: database.url });
    await restock.connect();
    try {
      await restock.query('BEGIN');
      await restock.query('UPDATE products SET stock = stock + 1 WHERE id = $1', [product.id]);
      const order = placeOrder(
        database.prisma,
        { userId: buyer.id, role: 'CUSTOMER' },
        { items: [{ productId: product.id, quantity: 1 }] },
      );
      await untilLockWaiters(database.prisma, 1);
      await restock.query('COMMIT');
      expect((await order).totalPrice.toFixed(2)).toBe('4.00');
      expect((await database.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(0);
    } finally {
      await restock.end();
    }
  });

  it('places one order for two first uses of an idempotency key that both got past the key check', async () => {
    const buyer = await database.prisma.user.create({ data: { email: 'twice@example.com', name: 'Twice' } });
    const product = await database.prisma.product.create({ data: { sku: 'LOCKED-2', name: 'Locked', price: '2.50', stock: 10 } });
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      // Both statements start (and look for the key) while the row is held, so neither sees the other's order.
      await holder.query('BEGIN');
      await holder.query('SELECT FROM products WHERE id = $1 FOR UPDATE', [product.id]);
      const input = { items: [{ productId: product.id, quantity: 2 }], idempotencyKey: 'same-key' };
      const viewer = { userId: buyer.id, role: 'CUSTOMER' } as const;
      const orders = [placeOrder(database.prisma, viewer, input), placeOrder(database.prisma, viewer, input)];
      await untilLockWaiters(database.prisma, 2);
      await holder.query('COMMIT');
      const [first, second] = await Promise.all(orders);
      expect(second!.id).toBe(first!.id);
      expect(await database.prisma.order.count({ where: { userId: buyer.id } })).toBe(1);
      expect((await database.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(8);
    } finally {
      await holder.end();
    }
  });
});
