import { beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import {
  CancelOrderDocument,
  PlaceOrderDocument,
  RevenueByDayDocument,
  RevenueByMonthDocument,
  UpdateOrderStatusDocument,
} from '../generated/graphql';
import { dataOf, SMALL_SHOP, useTestApi } from '../support/api';
import { execute } from '../support/http';
import { bucketed, localDate, revenueLines } from '../support/revenue';

const api = useTestApi({ seed: { ...SMALL_SHOP, orders: 0 } });
let productId: number;

/** A PAID order of one unit at 1.00, placed at `placedAt`. */
async function paidOrderAt(placedAt: Date) {
  await api.db.order.create({
    data: {
      userId: 3,
      status: 'PAID',
      totalPrice: '1.00',
      placedAt,
      items: { create: { productId, productName: 'Unit', unitPrice: '1.00', quantity: 1 } },
    },
  });
}

beforeAll(async () => {
  productId = (await api.db.product.create({ data: { sku: 'UNIT-1', name: 'Unit', price: '1.00', stock: 1_000 } })).id;
});

describe('reports in time zones', () => {
  it('an order at 2026-01-31T23:30Z is January in UTC and February in Europe/Paris', async () => {
    await paidOrderAt(new Date('2026-01-31T23:30:00.000Z'));
    const month = async (timeZone: string) =>
      dataOf(await execute(api.url, RevenueByMonthDocument, { year: 2026, timeZone }, { token: api.tokens.analyst })).revenueByMonth;
    expect(await month('UTC')).toEqual([{ month: '2026-01', revenue: '1.00', orderCount: 1, itemsSold: 1 }]);
    expect(await month('Europe/Paris')).toEqual([{ month: '2026-02', revenue: '1.00', orderCount: 1, itemsSold: 1 }]);
    await api.db.order.deleteMany({});
  });

  it.each([
    ['spring forward', '2026-03-28T20:00:00.000Z', '2026-03-29', 23],
    ['fall back', '2026-10-24T20:00:00.000Z', '2026-10-25', 25],
  ])('a DST day (%s) in Europe/Paris neither loses nor doubles an hour', async (_, start, dstDay, hours) => {
    // An order every 30 minutes for 30 hours around the switch.
    for (let half = 0; half <= 60; half += 1) await paidOrderAt(new Date(new Date(start).getTime() + half * 1_800_000));
    const variables = { from: '2026-01-01T00:00:00.000Z', to: '2026-12-31T00:00:00.000Z', timeZone: 'Europe/Paris' };
    const days = dataOf(await execute(api.url, RevenueByDayDocument, variables, { token: api.tokens.analyst })).revenueByDay;
    expect(days.find((day) => day.day === dstDay)?.orderCount).toBe(hours * 2);
    const expected = bucketed(await revenueLines(api.db), (line) => localDate(line.placedAt, 'Europe/Paris'));
    expect(days.map((day) => [day.day, day.orderCount])).toEqual(expected.map(([day, bucket]) => [day, bucket.orders.size]));
    expect(days.reduce((sum, day) => sum + day.orderCount, 0)).toBe(61);
    await api.db.order.deleteMany({});
  });

  it('pending and cancelled orders never count; a cancellation moves revenue out at once', async () => {
    const now = new Date();
    const range = { from: new Date(now.getTime() - 86_400_000).toISOString(), to: new Date(now.getTime() + 86_400_000).toISOString() };
    const revenue = async () =>
      dataOf(await execute(api.url, RevenueByDayDocument, range, { token: api.tokens.analyst })).revenueByDay.reduce(
        (sum, day) => sum + Number(day.revenue),
        0,
      );
    const items = [{ productId: toGlobalId('Product', productId), quantity: 3 }];
    const order = dataOf(await execute(api.url, PlaceOrderDocument, { input: { items } }, { token: api.tokens.alice })).placeOrder;
    expect(await revenue()).toBe(0);
    dataOf(await execute(api.url, UpdateOrderStatusDocument, { id: order.id, status: 'PAID' }, { token: api.tokens.admin }));
    expect(await revenue()).toBe(3);
    dataOf(await execute(api.url, CancelOrderDocument, { id: order.id }, { token: api.tokens.alice }));
    expect(await revenue()).toBe(0);
  });
});
