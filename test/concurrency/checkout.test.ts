/**
 * Many requests at once over HTTP against one server (pool of 10 connections); the assertions are
 * invariants (nothing oversold, stock accounted for, totals == lines), never timings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelOrderDocument, PlaceOrderDocument, RestockProductDocument } from '../generated/graphql';
import { SMALL_SHOP, useTestApi } from '../support/api';
import { execute } from '../support/http';
import { expectConsistentShop, newProduct, unitsSold } from '../support/shop';

// These tests assert invariants, not latency: a request may wait its turn for a connection on a busy machine.
const api = useTestApi({ seed: { ...SMALL_SHOP, orders: 0 }, poolSize: 10, poolTimeoutMs: 60_000 });
const shoppers: string[] = [];

beforeAll(async () => {
  const users = await api.db.user.createManyAndReturn({
    data: Array.from({ length: 100 }, (_, index) => ({ email: `shopper${index}@example.com`, name: `Shopper ${index}` })),
  });
  for (const user of users) shoppers.push(await api.tokenFor(user.id));
});

const stockOf = async (id: number) => (await api.db.product.findUniqueOrThrow({ where: { id } })).stock;
const codesOf = (responses: { errors?: readonly { extensions?: Record<string, unknown> }[] }[]) =>
  responses.flatMap((response) => (response.errors ?? []).map((error) => String(error.extensions?.code)));

describe('checkout under concurrency', () => {
  it('a hot product with stock 20 and 50 buyers at once: 20 orders, 30 INSUFFICIENT_STOCK, stock 0', async () => {
    const hot = await newProduct(api.db, 20);
    const responses = await Promise.all(
      shoppers
        .slice(0, 50)
        .map((token) => execute(api.url, PlaceOrderDocument, { input: { items: [{ productId: hot.gid, quantity: 1 }] } }, { token })),
    );
    expect(responses.filter((response) => response.data?.placeOrder).length).toBe(20);
    expect(codesOf(responses)).toEqual(Array(30).fill('INSUFFICIENT_STOCK'));
    expect(await stockOf(hot.id)).toBe(0);
    expect(await api.db.orderItem.count({ where: { productId: hot.id } })).toBe(20);
    await expectConsistentShop(api.db);
  });

  it('100 multi-line orders over the same products in opposite line orders: no deadlock reaches a client', async () => {
    const products = [await newProduct(api.db, 120), await newProduct(api.db, 120), await newProduct(api.db, 120)];
    const [a, b, c] = products.map((product) => product.gid) as [string, string, string];
    const orders = [
      [
        { productId: a, quantity: 1 },
        { productId: b, quantity: 2 },
        { productId: c, quantity: 1 },
      ],
      [
        { productId: c, quantity: 2 },
        { productId: b, quantity: 1 },
        { productId: a, quantity: 2 },
      ],
    ];
    const responses = await Promise.all(
      shoppers.map((token, index) => execute(api.url, PlaceOrderDocument, { input: { items: orders[index % 2]! } }, { token })),
    );
    // Only running out of stock may fail an order here (120 of each cannot serve all 100: they need 150).
    expect(new Set(codesOf(responses))).toEqual(new Set(['INSUFFICIENT_STOCK']));
    const sold = await unitsSold(
      api.db,
      products.map((product) => product.id),
    );
    const soldInResponses = new Map<string, number>();
    for (const response of responses) {
      for (const item of response.data?.placeOrder.items ?? []) {
        soldInResponses.set(item.product!.id, (soldInResponses.get(item.product!.id) ?? 0) + item.quantity);
      }
    }
    for (const product of products) {
      expect(await stockOf(product.id)).toBe(120 - sold.get(product.id)!);
      expect(soldInResponses.get(product.gid) ?? 0).toBe(sold.get(product.id));
    }
    await expectConsistentShop(api.db);
  });

  it('10 concurrent replays of one idempotency key place exactly one order, and all answers carry its id', async () => {
    const product = await newProduct(api.db, 5);
    const input = { items: [{ productId: product.gid, quantity: 2 }], idempotencyKey: 'checkout-click-1' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => execute(api.url, PlaceOrderDocument, { input }, { token: shoppers[0]! })),
    );
    const ids = responses.map((response) => response.data?.placeOrder.id);
    expect(codesOf(responses)).toEqual([]);
    expect(new Set(ids).size).toBe(1);
    expect(await api.db.order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
    expect(await stockOf(product.id)).toBe(3);
  });

  it('orders racing cancellations and restocks: stock == initial + restocked - units in live orders, never negative', async () => {
    const initial = 30;
    const product = await newProduct(api.db, initial);
    const line = { items: [{ productId: product.gid, quantity: 1 }] };
    const placed = await Promise.all(
      shoppers.slice(0, 10).map((token) => execute(api.url, PlaceOrderDocument, { input: line }, { token })),
    );
    const toCancel = placed.map((response, index) => ({ id: response.data!.placeOrder.id, token: shoppers[index]! }));

    const responses = await Promise.all([
      ...shoppers.slice(10, 60).map((token) => execute(api.url, PlaceOrderDocument, { input: line }, { token })),
      ...toCancel.map(({ id, token }) => execute(api.url, CancelOrderDocument, { id }, { token })),
      ...Array.from({ length: 5 }, () =>
        execute(api.url, RestockProductDocument, { id: product.gid, quantity: 3 }, { token: api.tokens.admin }),
      ),
    ]);
    expect(new Set(codesOf(responses)).size).toBeLessThanOrEqual(1);
    for (const code of codesOf(responses)) expect(code).toBe('INSUFFICIENT_STOCK');
    const sold = (await unitsSold(api.db, [product.id])).get(product.id)!;
    expect(await stockOf(product.id)).toBe(initial + 5 * 3 - sold);
    expect(await api.db.order.count({ where: { status: 'CANCELLED', items: { some: { productId: product.id } } } })).toBe(10);
    await expectConsistentShop(api.db);
  });
});
