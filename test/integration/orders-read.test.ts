import { describe, expect, it } from 'vitest';
import type { Prisma } from '../../src/generated/prisma';
import { toGlobalId } from '../../src/graphql/global-id';
import { encodeCursor } from '../../src/services/pagination';
import { NodeDocument, OrderDocument, OrdersDocument, UserOrdersDocument, type OrderFilter } from '../generated/graphql';
import { dataOf, expectErrorCode, useTestApi } from '../support/api';
import { execute } from '../support/http';
import { walkConnection } from '../support/pagination';

const api = useTestApi();
const ALICE = 3;

async function allOrders(where: Prisma.OrderWhereInput = {}) {
  return api.db.order.findMany({ where, orderBy: [{ placedAt: 'desc' }, { id: 'desc' }], include: { items: true } });
}

describe('orders (newest first; admins see all, customers their own)', () => {
  it('admins page through every order exactly once at several page sizes', async () => {
    const expected = (await allOrders()).map((order) => toGlobalId('Order', order.id));
    for (const size of [1, 9, 100]) {
      const nodes = await walkConnection(
        size,
        async (after) => dataOf(await execute(api.url, OrdersDocument, { first: size, after }, { token: api.tokens.admin })).orders,
      );
      expect(nodes.map((node) => node.id)).toEqual(expected);
    }
  });

  it("customers see only their own; another user's id gives an empty list; anonymous is UNAUTHENTICATED", async () => {
    const mine = (await allOrders({ userId: ALICE })).map((order) => toGlobalId('Order', order.id));
    const page = dataOf(await execute(api.url, OrdersDocument, { first: 100 }, { token: api.tokens.alice })).orders;
    expect(page.edges.map((edge) => edge.node.id)).toEqual(mine);
    expect(page.totalCount).toBe(mine.length);
    const others = dataOf(
      await execute(api.url, OrdersDocument, { first: 100, filter: { userId: toGlobalId('User', 4) } }, { token: api.tokens.alice }),
    );
    expect(others.orders).toMatchObject({ edges: [], totalCount: 0 });
    const analyst = dataOf(await execute(api.url, OrdersDocument, { first: 100 }, { token: api.tokens.analyst }));
    expect(analyst.orders.totalCount).toBe(0);
    expectErrorCode(await execute(api.url, OrdersDocument, { first: 1 }), 'UNAUTHENTICATED');
    expectErrorCode(
      await execute(api.url, OrdersDocument, { filter: { userId: toGlobalId('Order', 1) } }, { token: api.tokens.admin }),
      'BAD_USER_INPUT',
    );
  });

  it('filters by status, user, time range ([placedAfter, placedBefore)) and minimum total', async () => {
    const all = await allOrders();
    const middle = all[Math.floor(all.length / 2)]!.placedAt;
    const late = all[Math.floor(all.length / 4)]!.placedAt;
    const cases: [OrderFilter, (order: (typeof all)[number]) => boolean][] = [
      [{ status: 'CANCELLED' }, (o) => o.status === 'CANCELLED'],
      [{ userId: toGlobalId('User', ALICE), status: 'DELIVERED' }, (o) => o.userId === ALICE && o.status === 'DELIVERED'],
      [{ placedAfter: middle.toISOString() }, (o) => o.placedAt >= middle],
      [{ placedAfter: middle.toISOString(), placedBefore: late.toISOString() }, (o) => o.placedAt >= middle && o.placedAt < late],
      [{ minTotal: '500.00' }, (o) => o.totalPrice.gte(500)],
    ];
    for (const [filter, matches] of cases) {
      const expected = all.filter(matches).map((order) => toGlobalId('Order', order.id));
      const nodes = await walkConnection(
        50,
        async (after) => dataOf(await execute(api.url, OrdersDocument, { first: 50, after, filter }, { token: api.tokens.admin })).orders,
      );
      expect(
        nodes.map((node) => node.id),
        JSON.stringify(filter),
      ).toEqual(expected);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
    }
    expectErrorCode(
      await execute(api.url, OrdersDocument, { filter: { placedAfter: 'yesterday' } }, { token: api.tokens.admin }),
      'BAD_USER_INPUT',
    );
    const forged = encodeCursor({ order: 'orders:placedAt:desc', key: 'not a date', id: 1 });
    expectErrorCode(await execute(api.url, OrdersDocument, { after: forged }, { token: api.tokens.admin }), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, UserOrdersDocument, { after: forged }, { token: api.tokens.alice }), 'BAD_USER_INPUT');
  });

  it('an order carries its lines, their snapshots and totals', async () => {
    const [order] = await allOrders({ userId: ALICE });
    const fetched = dataOf(
      await execute(api.url, OrderDocument, { id: toGlobalId('Order', order!.id) }, { token: api.tokens.alice }),
    ).order!;
    expect(fetched.user.email).toBe('alice@example.com');
    expect(fetched.items.map((item) => [item.productName, item.quantity, item.unitPrice])).toEqual(
      order!.items.map((item) => [item.productName, item.quantity, item.unitPrice.toFixed(2)]),
    );
    const sum = order!.items.reduce(
      (total, item) => total.add(item.unitPrice.mul(item.quantity)),
      order!.totalPrice.sub(order!.totalPrice),
    );
    expect(fetched.totalPrice).toBe(sum.toFixed(2));
    expect(fetched.itemCount).toBe(order!.items.reduce((total, item) => total + item.quantity, 0));
    for (const item of fetched.items) expect(item.product?.id).toBeDefined();
  });

  it("someone else's order is null for customers (no existence leak) and visible to admins", async () => {
    const [bobs] = await allOrders({ userId: 4 });
    const id = toGlobalId('Order', bobs!.id);
    expect(dataOf(await execute(api.url, OrderDocument, { id }, { token: api.tokens.alice })).order).toBeNull();
    expect(dataOf(await execute(api.url, NodeDocument, { id }, { token: api.tokens.alice })).node).toBeNull();
    expect(dataOf(await execute(api.url, OrderDocument, { id }, { token: api.tokens.admin })).order?.id).toBe(id);
    expect(
      dataOf(await execute(api.url, OrderDocument, { id: toGlobalId('Order', 999_999) }, { token: api.tokens.admin })).order,
    ).toBeNull();
    expectErrorCode(await execute(api.url, OrderDocument, { id: toGlobalId('Product', 1) }, { token: api.tokens.admin }), 'BAD_USER_INPUT');
  });

  it('node(id) resolves every type to what the viewer may see', async () => {
    const [order] = await allOrders({ userId: ALICE });
    const item = order!.items[0]!;
    const asAlice = async (id: string) => dataOf(await execute(api.url, NodeDocument, { id }, { token: api.tokens.alice })).node;
    expect(await asAlice(toGlobalId('User', ALICE))).toMatchObject({ __typename: 'User', email: 'alice@example.com' });
    expect(await asAlice(toGlobalId('User', 4))).toBeNull();
    expect(await asAlice(toGlobalId('Order', order!.id))).toMatchObject({ __typename: 'Order', totalPrice: order!.totalPrice.toFixed(2) });
    expect(await asAlice(toGlobalId('OrderItem', item.id))).toMatchObject({ __typename: 'OrderItem', productName: item.productName });
    expect(await asAlice(toGlobalId('Product', item.productId))).toMatchObject({ __typename: 'Product' });
    expect(dataOf(await execute(api.url, NodeDocument, { id: toGlobalId('Product', 1) })).node).toMatchObject({ __typename: 'Product' });
    expectErrorCode(await execute(api.url, NodeDocument, { id: toGlobalId('Order', order!.id) }), 'UNAUTHENTICATED');
    expectErrorCode(await execute(api.url, NodeDocument, { id: 'bm9wZQ' }, { token: api.tokens.alice }), 'BAD_USER_INPUT');
  });

  it("User.orders pages the user's orders with the user's orderCount as totalCount", async () => {
    const mine = (await allOrders({ userId: ALICE })).map((order) => toGlobalId('Order', order.id));
    const nodes = await walkConnection(3, async (after) => {
      const me = dataOf(await execute(api.url, UserOrdersDocument, { first: 3, after }, { token: api.tokens.alice })).me!;
      expect(me.orders.totalCount).toBe(me.orderCount);
      return me.orders;
    });
    expect(nodes.map((node) => node.id)).toEqual(mine);
  });

  it('OrderItem.product is null once the product is deleted; the line keeps its snapshot', async () => {
    const [order] = await allOrders({ userId: ALICE });
    const item = order!.items[0]!;
    await api.db.product.update({ where: { id: item.productId }, data: { deletedAt: new Date(), name: 'Renamed later' } });
    const fetched = dataOf(
      await execute(api.url, OrderDocument, { id: toGlobalId('Order', order!.id) }, { token: api.tokens.alice }),
    ).order!;
    const line = fetched.items.find((candidate) => candidate.id === toGlobalId('OrderItem', item.id))!;
    expect(line).toMatchObject({ productName: item.productName, product: null });
  });
});
