/**
 * Status moves racing each other over HTTP: guarded updates let exactly one of two identical
 * moves win, and cancellations racing payments leave stock and revenue consistent.
 */
import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import { CancelOrderDocument, PlaceOrderDocument, RevenueByDayDocument, UpdateOrderStatusDocument } from '../generated/graphql';
import { dataOf, SMALL_SHOP, useTestApi } from '../support/api';
import { execute } from '../support/http';
import { expectConsistentShop, unitsSold } from '../support/shop';

// These tests assert invariants, not latency: a request may wait its turn for a connection on a busy machine.
const api = useTestApi({ seed: { ...SMALL_SHOP, orders: 0 }, poolTimeoutMs: 60_000 });

async function placeOrders(count: number, productId: number) {
  const items = [{ productId: toGlobalId('Product', productId), quantity: 2 }];
  const orders = [];
  for (let index = 0; index < count; index += 1) {
    orders.push(dataOf(await execute(api.url, PlaceOrderDocument, { input: { items } }, { token: api.tokens.alice })).placeOrder.id);
  }
  return orders;
}

const codeOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

describe('order status under concurrency', () => {
  it('of two identical moves sent at once, exactly one wins and the other is INVALID_STATE_TRANSITION', async () => {
    const product = await api.db.product.create({ data: { sku: 'RACE-1', name: 'Race', price: '4.00', stock: 100 } });
    const orders = await placeOrders(20, product.id);
    const responses = await Promise.all(
      orders.flatMap((id) =>
        [0, 1].map(() => execute(api.url, UpdateOrderStatusDocument, { id, status: 'PAID' }, { token: api.tokens.admin })),
      ),
    );
    for (let index = 0; index < orders.length; index += 1) {
      const pair = responses.slice(index * 2, index * 2 + 2);
      expect(pair.filter((response) => response.data?.updateOrderStatus).length).toBe(1);
      expect(pair.map(codeOf).filter(Boolean)).toEqual(['INVALID_STATE_TRANSITION']);
    }
    expect(await api.db.order.count({ where: { status: 'PAID' } })).toBe(20);
  });

  it('cancellations racing payments: stock == initial - units in live orders; revenue == the paid lines', async () => {
    const initial = 100;
    const product = await api.db.product.create({ data: { sku: 'RACE-2', name: 'Race 2', price: '2.50', stock: initial } });
    const orders = await placeOrders(20, product.id);
    const responses = await Promise.all(
      orders.flatMap((id) => [
        execute(api.url, CancelOrderDocument, { id }, { token: api.tokens.alice }),
        execute(api.url, UpdateOrderStatusDocument, { id, status: 'PAID' }, { token: api.tokens.admin }),
      ]),
    );
    // Paying first then cancelling both succeed (PAID orders may be cancelled); cancelling first refuses the payment.
    for (const code of responses.map(codeOf).filter(Boolean)) expect(code).toBe('INVALID_STATE_TRANSITION');
    const statuses = await api.db.order.groupBy({ by: ['status'], where: { items: { some: { productId: product.id } } }, _count: true });
    expect(statuses.reduce((sum, row) => sum + row._count, 0)).toBe(20);
    expect(statuses.map((row) => row.status).every((status) => status === 'CANCELLED' || status === 'PAID')).toBe(true);
    const sold = (await unitsSold(api.db, [product.id])).get(product.id)!;
    expect((await api.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(initial - sold);

    const today = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
    const days = dataOf(await execute(api.url, RevenueByDayDocument, today, { token: api.tokens.analyst })).revenueByDay;
    const [paid] = await api.db.$queryRaw<[{ total: string | null }]>`
      SELECT sum(i.quantity * i.unit_price)::text AS total FROM order_items i JOIN orders o ON o.id = i.order_id
      WHERE o.status IN ('PAID', 'SHIPPED', 'DELIVERED')`;
    const reported = days.reduce((cents, day) => cents + Math.round(Number(day.revenue) * 100), 0);
    expect(reported).toBe(Math.round(Number(paid.total ?? 0) * 100));
    await expectConsistentShop(api.db);
  });
});
