/**
 * DATABASE_POOL_SIZE=1 (the serverless default) must serve every path: nothing may ask the pool
 * for a second connection while it holds the only one (a report used to look its time zone up
 * outside its own transaction, and waited for itself until the pool timed out).
 * Reports run first: the time-zone list is read once per process, by the first report.
 */
import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import {
  CancelOrderDocument,
  MeDocument,
  NodeDocument,
  OrderDocument,
  OrdersDocument,
  PlaceOrderDocument,
  ProductsDocument,
  RevenueByDayDocument,
  RevenueByMonthDocument,
  TopProductsDocument,
  UpdateOrderStatusDocument,
  UsersDocument,
} from '../generated/graphql';
import { dataOf, useTestApi } from '../support/api';
import { execute } from '../support/http';
import { expectConsistentShop } from '../support/shop';

const range = { from: '2025-05-01T00:00:00Z', to: '2026-05-01T00:00:00Z' };

describe('with a pool of one connection', () => {
  const api = useTestApi({ poolSize: 1 });

  it('serves the reports, each in a time zone of its own', async () => {
    const token = api.tokens.analyst;
    dataOf(await execute(api.url, RevenueByMonthDocument, { year: 2026, timeZone: 'Europe/Paris' }, { token }));
    dataOf(await execute(api.url, RevenueByDayDocument, { ...range, timeZone: 'America/New_York' }, { token }));
    dataOf(await execute(api.url, TopProductsDocument, { ...range, limit: 5 }, { token }));
    expect(api.handle.pool.totalCount).toBe(1);
  });

  it('serves reads, checkout, status moves and cancellations', async () => {
    const { alice, admin } = api.tokens;
    expect(dataOf(await execute(api.url, MeDocument, {}, { token: alice })).me?.email).toBe('alice@example.com');
    dataOf(await execute(api.url, ProductsDocument, { first: 20 }));
    dataOf(await execute(api.url, UsersDocument, { first: 20 }, { token: admin }));
    dataOf(await execute(api.url, OrdersDocument, { first: 20 }, { token: admin }));
    const items = [
      { productId: toGlobalId('Product', 2), quantity: 1 },
      { productId: toGlobalId('Product', 1), quantity: 1 },
    ];
    const placed = dataOf(
      await execute(api.url, PlaceOrderDocument, { input: { items, idempotencyKey: 'pool-of-one' } }, { token: alice }),
    ).placeOrder;
    const replayed = dataOf(
      await execute(api.url, PlaceOrderDocument, { input: { items, idempotencyKey: 'pool-of-one' } }, { token: alice }),
    ).placeOrder;
    expect(replayed.id).toBe(placed.id);
    dataOf(await execute(api.url, OrderDocument, { id: placed.id }, { token: alice }));
    dataOf(await execute(api.url, NodeDocument, { id: placed.id }, { token: alice }));
    dataOf(await execute(api.url, UpdateOrderStatusDocument, { id: placed.id, status: 'PAID' }, { token: admin }));
    expect(dataOf(await execute(api.url, CancelOrderDocument, { id: placed.id }, { token: alice })).cancelOrder.status).toBe('CANCELLED');
    await expectConsistentShop(api.db);
  });

  it('queues concurrent requests of every kind on the one connection, and all succeed', async () => {
    const { alice, analyst, admin } = api.tokens;
    const items = [{ productId: toGlobalId('Product', 3), quantity: 1 }];
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, index) => {
        switch (index % 4) {
          case 0:
            return execute(api.url, PlaceOrderDocument, { input: { items } }, { token: alice });
          case 1:
            return execute(api.url, RevenueByDayDocument, { ...range, timeZone: 'Asia/Tokyo' }, { token: analyst });
          case 2:
            return execute(api.url, OrdersDocument, { first: 10 }, { token: admin });
          default:
            return execute(api.url, ProductsDocument, { first: 10 });
        }
      }),
    );
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    expect(api.handle.pool.totalCount).toBe(1);
    await expectConsistentShop(api.db);
  });
});
