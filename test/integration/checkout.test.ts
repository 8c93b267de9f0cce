import { describe, expect, it } from 'vitest';
import { idOf, toGlobalId } from '../../src/graphql/global-id';
import { CancelOrderDocument, OrderDocument, PlaceOrderDocument, UpdateOrderStatusDocument, type OrderStatus } from '../generated/graphql';
import { dataOf, expectErrorCode, useTestApi } from '../support/api';
import { execute } from '../support/http';
import { expectConsistentShop, newProduct, shopState } from '../support/shop';

const api = useTestApi();

const place = (items: { productId: string; quantity: number }[], token: string, extra: { idempotencyKey?: string; userId?: string } = {}) =>
  execute(api.url, PlaceOrderDocument, { input: { items, ...extra } }, { token });

describe('placeOrder', () => {
  it('takes stock, snapshots name and price, merges lines and totals exactly', async () => {
    const a = await newProduct(api.db, 10, '19.99');
    const b = await newProduct(api.db, 5, '0.10');
    const order = dataOf(
      await place(
        [
          { productId: a.gid, quantity: 2 },
          { productId: b.gid, quantity: 3 },
          { productId: a.gid, quantity: 1 },
        ],
        api.tokens.alice,
      ),
    ).placeOrder;
    expect(order).toMatchObject({ status: 'PENDING', totalPrice: '60.27', itemCount: 6, user: { id: toGlobalId('User', 3) } });
    expect(order.items.map((item) => [item.productName, item.quantity, item.unitPrice, item.lineTotal])).toEqual([
      [a.name, 3, '19.99', '59.97'],
      [b.name, 3, '0.10', '0.30'],
    ]);
    expect((await api.db.product.findUniqueOrThrow({ where: { id: a.id } })).stock).toBe(7);
    // Later price and name changes do not touch the placed order.
    await api.db.product.update({ where: { id: a.id }, data: { price: '25.00', name: 'Renamed' } });
    const again = dataOf(await execute(api.url, OrderDocument, { id: order.id }, { token: api.tokens.alice })).order!;
    expect(again.totalPrice).toBe('60.27');
    expect(again.items[0]).toMatchObject({ productName: a.name, unitPrice: '19.99' });
    await expectConsistentShop(api.db);
  });

  it('fails with INSUFFICIENT_STOCK (productId, requested, available) and changes nothing', async () => {
    const plenty = await newProduct(api.db, 100);
    const scarce = await newProduct(api.db, 2);
    const before = await shopState(api.db);
    const response = await place(
      [
        { productId: plenty.gid, quantity: 5 },
        { productId: scarce.gid, quantity: 3 },
      ],
      api.tokens.alice,
    );
    const error = expectErrorCode(response, 'INSUFFICIENT_STOCK');
    expect(error.extensions).toMatchObject({ productId: scarce.gid, requested: 3, available: 2 });
    expect(await shopState(api.db)).toEqual(before);
  });

  it('refuses an order whose total is too large to store with BAD_USER_INPUT, changing nothing', async () => {
    const dear = await newProduct(api.db, 20_000, '9999999999.99');
    const before = await shopState(api.db);
    const error = expectErrorCode(await place([{ productId: dear.gid, quantity: 10_000 }], api.tokens.alice), 'BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ field: 'items' });
    expect(await shopState(api.db)).toEqual(before);
  });

  it('refuses bad input with BAD_USER_INPUT or NOT_FOUND, changing nothing', async () => {
    const product = await newProduct(api.db, 500);
    const deleted = await newProduct(api.db, 50);
    await api.db.product.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    const before = await shopState(api.db);
    const line = { productId: product.gid, quantity: 1 };
    const token = api.tokens.alice;
    expectErrorCode(await place([], token), 'BAD_USER_INPUT');
    expectErrorCode(
      await place(
        Array.from({ length: 101 }, () => line),
        token,
      ),
      'BAD_USER_INPUT',
    );
    expectErrorCode(await place([{ ...line, quantity: 0 }], token), 'BAD_USER_INPUT');
    expectErrorCode(await place([{ ...line, quantity: 10_001 }], token), 'BAD_USER_INPUT');
    expectErrorCode(await place([{ productId: toGlobalId('Order', product.id), quantity: 1 }], token), 'BAD_USER_INPUT');
    expectErrorCode(await place([line], token, { idempotencyKey: '' }), 'BAD_USER_INPUT');
    expectErrorCode(await place([line], token, { idempotencyKey: 'k'.repeat(256) }), 'BAD_USER_INPUT');
    expectErrorCode(await place([line, { productId: deleted.gid, quantity: 1 }], token), 'NOT_FOUND');
    expectErrorCode(await place([{ productId: toGlobalId('Product', 999_999), quantity: 1 }], token), 'NOT_FOUND');
    expectErrorCode(await place([line], token, { userId: toGlobalId('User', 4) }), 'FORBIDDEN');
    expectErrorCode(await place([line], api.tokens.admin, { userId: toGlobalId('User', 999_999) }), 'NOT_FOUND');
    expectErrorCode(await execute(api.url, PlaceOrderDocument, { input: { items: [line] } }), 'UNAUTHENTICATED');
    expect(await shopState(api.db)).toEqual(before);
    expect(
      dataOf(
        await place(
          Array.from({ length: 100 }, () => line),
          token,
        ),
      ).placeOrder.itemCount,
    ).toBe(100);
  });

  it('lets admins order for another user, and customers for themselves by id', async () => {
    const product = await newProduct(api.db, 10);
    const forBob = dataOf(await place([{ productId: product.gid, quantity: 1 }], api.tokens.admin, { userId: toGlobalId('User', 4) }));
    expect(forBob.placeOrder.user.id).toBe(toGlobalId('User', 4));
    const self = dataOf(await place([{ productId: product.gid, quantity: 1 }], api.tokens.alice, { userId: toGlobalId('User', 3) }));
    expect(self.placeOrder.user.id).toBe(toGlobalId('User', 3));
  });

  it('replays an idempotency key: same input returns the same order (even cancelled); other input is IDEMPOTENCY_KEY_REUSED', async () => {
    const product = await newProduct(api.db, 10);
    const line = { productId: product.gid, quantity: 2 };
    const first = dataOf(await place([line], api.tokens.alice, { idempotencyKey: 'cart-42' })).placeOrder;
    const replayed = dataOf(
      await place(
        [
          { ...line, quantity: 1 },
          { ...line, quantity: 1 },
        ],
        api.tokens.alice,
        { idempotencyKey: 'cart-42' },
      ),
    );
    expect(replayed.placeOrder.id).toBe(first.id);
    expect((await api.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(8);
    const before = await shopState(api.db);
    expectErrorCode(await place([{ ...line, quantity: 3 }], api.tokens.alice, { idempotencyKey: 'cart-42' }), 'IDEMPOTENCY_KEY_REUSED');
    expect(await shopState(api.db)).toEqual(before);
    dataOf(await execute(api.url, CancelOrderDocument, { id: first.id }, { token: api.tokens.alice }));
    const afterCancel = dataOf(await place([line], api.tokens.alice, { idempotencyKey: 'cart-42' })).placeOrder;
    expect(afterCancel).toMatchObject({ id: first.id, status: 'CANCELLED' });
    // Keys are per user: bob may use the same one.
    const bobs = dataOf(await place([line], api.tokens.bob, { idempotencyKey: 'cart-42' })).placeOrder;
    expect(bobs.id).not.toBe(first.id);
  });
});

describe('cancelOrder', () => {
  it('cancels a PENDING or PAID order and restocks it once; again is INVALID_STATE_TRANSITION', async () => {
    const product = await newProduct(api.db, 10);
    for (const paid of [false, true]) {
      const order = dataOf(await place([{ productId: product.gid, quantity: 4 }], api.tokens.alice)).placeOrder;
      if (paid) dataOf(await execute(api.url, UpdateOrderStatusDocument, { id: order.id, status: 'PAID' }, { token: api.tokens.admin }));
      expect((await api.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(6);
      const cancelled = dataOf(await execute(api.url, CancelOrderDocument, { id: order.id }, { token: api.tokens.alice })).cancelOrder;
      expect(cancelled.status).toBe('CANCELLED');
      expect((await api.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(10);
      const before = await shopState(api.db);
      const error = expectErrorCode(
        await execute(api.url, CancelOrderDocument, { id: order.id }, { token: api.tokens.alice }),
        'INVALID_STATE_TRANSITION',
      );
      expect(error.extensions).toMatchObject({ from: 'CANCELLED', to: 'CANCELLED' });
      expect(await shopState(api.db)).toEqual(before);
    }
  });

  it("is NOT_FOUND for someone else's order, allowed to admins, refused once SHIPPED", async () => {
    const product = await newProduct(api.db, 10);
    const order = dataOf(await place([{ productId: product.gid, quantity: 1 }], api.tokens.alice)).placeOrder;
    const before = await shopState(api.db);
    expectErrorCode(await execute(api.url, CancelOrderDocument, { id: order.id }, { token: api.tokens.bob }), 'NOT_FOUND');
    expectErrorCode(await execute(api.url, CancelOrderDocument, { id: order.id }), 'UNAUTHENTICATED');
    expect(await shopState(api.db)).toEqual(before);
    for (const status of ['PAID', 'SHIPPED'] as const) {
      dataOf(await execute(api.url, UpdateOrderStatusDocument, { id: order.id, status }, { token: api.tokens.admin }));
    }
    expectErrorCode(await execute(api.url, CancelOrderDocument, { id: order.id }, { token: api.tokens.admin }), 'INVALID_STATE_TRANSITION');
    const other = dataOf(await place([{ productId: product.gid, quantity: 1 }], api.tokens.alice)).placeOrder;
    expect(dataOf(await execute(api.url, CancelOrderDocument, { id: other.id }, { token: api.tokens.admin })).cancelOrder.status).toBe(
      'CANCELLED',
    );
  });
});

describe('updateOrderStatus (the status machine)', () => {
  const STATUSES: OrderStatus[] = ['PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];
  const ALLOWED = new Set(['PENDING->PAID', 'PAID->SHIPPED', 'SHIPPED->DELIVERED']);

  it('allows exactly PENDING -> PAID -> SHIPPED -> DELIVERED, for admins only', async () => {
    const product = await newProduct(api.db, 1_000);
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const order = dataOf(await place([{ productId: product.gid, quantity: 1 }], api.tokens.alice)).placeOrder;
        await api.db.order.update({ where: { id: idOf('Order', order.id) }, data: { status: from } });
        for (const token of [api.tokens.alice, api.tokens.analyst]) {
          expectErrorCode(await execute(api.url, UpdateOrderStatusDocument, { id: order.id, status: to }, { token }), 'FORBIDDEN');
        }
        const response = await execute(api.url, UpdateOrderStatusDocument, { id: order.id, status: to }, { token: api.tokens.admin });
        if (ALLOWED.has(`${from}->${to}`)) {
          expect(dataOf(response).updateOrderStatus.status, `${from}->${to}`).toBe(to);
        } else {
          expect(expectErrorCode(response, 'INVALID_STATE_TRANSITION').extensions, `${from}->${to}`).toMatchObject({ from, to });
        }
      }
    }
    expectErrorCode(
      await execute(api.url, UpdateOrderStatusDocument, { id: toGlobalId('Order', 999_999), status: 'PAID' }, { token: api.tokens.admin }),
      'NOT_FOUND',
    );
  });
});
