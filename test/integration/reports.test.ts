import { describe, expect, it } from 'vitest';
import { RevenueByDayDocument, RevenueByMonthDocument, TopProductsDocument } from '../generated/graphql';
import { dataOf, expectErrorCode, SMALL_SHOP, useTestApi } from '../support/api';
import { execute } from '../support/http';
import { runScript } from '../support/scripts';
import { serviceEnvironment } from '../support/server';
import { bucketed, centsText, localDate, revenueLines } from '../support/revenue';

const api = useTestApi({ seed: { ...SMALL_SHOP, orders: 800, seed: 21 }, reportTimeoutMs: 1_000 });
const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'];

describe('revenue reports on seeded data equal an independent computation', () => {
  it.each(ZONES)('revenueByMonth per month of 2025 and 2026 in %s', async (timeZone) => {
    const lines = await revenueLines(api.db);
    for (const year of [2025, 2026]) {
      const expected = bucketed(lines, (line) => {
        const day = localDate(line.placedAt, timeZone);
        return day.startsWith(`${year}-`) ? day.slice(0, 7) : undefined;
      }).map(([month, bucket]) => ({ month, revenue: centsText(bucket.cents), orderCount: bucket.orders.size, itemsSold: bucket.units }));
      const report = dataOf(await execute(api.url, RevenueByMonthDocument, { year, timeZone }, { token: api.tokens.analyst }));
      expect(report.revenueByMonth).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it("months of a year == days of that year == the qualifying orders' totals", async () => {
    const token = api.tokens.admin;
    const months = dataOf(await execute(api.url, RevenueByMonthDocument, { year: 2026 }, { token })).revenueByMonth;
    const days = dataOf(
      await execute(api.url, RevenueByDayDocument, { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }, { token }),
    ).revenueByDay;
    const [orders] = await api.db.$queryRaw<[{ total: string }]>`
      SELECT sum(total_price)::text AS total FROM orders
      WHERE status IN ('PAID', 'SHIPPED', 'DELIVERED') AND placed_at >= '2026-01-01Z' AND placed_at < '2027-01-01Z'`;
    const sum = (values: string[]) => centsText(values.reduce((cents, value) => cents + Math.round(Number(value) * 100), 0));
    expect(sum(months.map((month) => month.revenue))).toBe(orders.total);
    expect(sum(days.map((day) => day.revenue))).toBe(orders.total);
    expect(days.reduce((count, day) => count + day.orderCount, 0)).toBe(months.reduce((count, month) => count + month.orderCount, 0));
  });

  it('revenueByDay in Europe/Paris over 400 days', async () => {
    const from = new Date('2025-06-01T00:00:00.000Z');
    const to = new Date(from.getTime() + 400 * 86_400_000);
    const lines = (await revenueLines(api.db)).filter((line) => line.placedAt >= from && line.placedAt < to);
    const expected = bucketed(lines, (line) => localDate(line.placedAt, 'Europe/Paris')).map(([day, bucket]) => ({
      day,
      revenue: centsText(bucket.cents),
      orderCount: bucket.orders.size,
    }));
    const variables = { from: from.toISOString(), to: to.toISOString(), timeZone: 'Europe/Paris' };
    expect(dataOf(await execute(api.url, RevenueByDayDocument, variables, { token: api.tokens.analyst })).revenueByDay).toEqual(expected);
  });

  it('topProducts ranks by revenue, then units, then name, one row per product', async () => {
    const from = new Date('2025-09-01T00:00:00.000Z');
    const to = new Date('2026-03-01T00:00:00.000Z');
    const lines = (await revenueLines(api.db)).filter((line) => line.placedAt >= from && line.placedAt < to);
    const names = new Map((await api.db.product.findMany()).map((product) => [product.id, product.name]));
    const expected = bucketed(lines, (line) => String(line.productId))
      .map(([productId, bucket]) => ({ productName: names.get(Number(productId))!, unitsSold: bucket.units, cents: bucket.cents }))
      .sort(
        (a, b) =>
          b.cents - a.cents || b.unitsSold - a.unitsSold || (a.productName < b.productName ? -1 : a.productName > b.productName ? 1 : 0),
      )
      .map(({ cents, ...row }) => ({ ...row, revenue: centsText(cents) }));
    for (const limit of [100, 5]) {
      const variables = { from: from.toISOString(), to: to.toISOString(), limit };
      const report = dataOf(await execute(api.url, TopProductsDocument, variables, { token: api.tokens.analyst })).topProducts;
      expect(report.map(({ productName, unitsSold, revenue }) => ({ productName, unitsSold, revenue }))).toEqual(expected.slice(0, limit));
      for (const row of report) expect(row.product?.name).toBe(row.productName);
    }
  });
});

describe('report access and input', () => {
  const day = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };

  it('customers get FORBIDDEN, anonymous UNAUTHENTICATED, analysts and admins data', async () => {
    expectErrorCode(await execute(api.url, RevenueByMonthDocument, { year: 2026 }, { token: api.tokens.alice }), 'FORBIDDEN');
    expectErrorCode(await execute(api.url, TopProductsDocument, day, { token: api.tokens.bob }), 'FORBIDDEN');
    expectErrorCode(await execute(api.url, RevenueByDayDocument, day), 'UNAUTHENTICATED');
    dataOf(await execute(api.url, RevenueByDayDocument, day, { token: api.tokens.analyst }));
    dataOf(await execute(api.url, TopProductsDocument, day, { token: api.tokens.admin }));
  });

  it('refuses bad input with BAD_USER_INPUT and leaves the data alone', async () => {
    const token = api.tokens.analyst;
    const before = await api.db.order.count();
    for (const timeZone of ['Mars/Olympus', "UTC'); DROP TABLE orders; --", '+01:00', 'utc ']) {
      expectErrorCode(await execute(api.url, RevenueByMonthDocument, { year: 2026, timeZone }, { token }), 'BAD_USER_INPUT');
      expectErrorCode(await execute(api.url, RevenueByDayDocument, { ...day, timeZone }, { token }), 'BAD_USER_INPUT');
    }
    expectErrorCode(await execute(api.url, RevenueByDayDocument, { from: day.to, to: day.from }, { token }), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, RevenueByDayDocument, { from: day.from, to: day.from }, { token }), 'BAD_USER_INPUT');
    expectErrorCode(
      await execute(api.url, RevenueByDayDocument, { from: '2025-01-01T00:00:00.000Z', to: '2026-02-06T00:00:00.000Z' }, { token }),
      'BAD_USER_INPUT',
    );
    expectErrorCode(await execute(api.url, TopProductsDocument, { ...day, limit: 0 }, { token }), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, TopProductsDocument, { ...day, limit: 101 }, { token }), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, TopProductsDocument, { from: day.to, to: day.from }, { token }), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, RevenueByMonthDocument, { year: 99999 }, { token }), 'BAD_USER_INPUT');
    expect(await api.db.order.count()).toBe(before);
    dataOf(await execute(api.url, RevenueByDayDocument, { from: '2025-01-01T00:00:00.000Z', to: '2026-02-05T00:00:00.000Z' }, { token }));
  });

  it('a report that runs past the statement timeout fails cleanly with QUERY_TOO_COMPLEX', async () => {
    // Another session holds a lock the report must wait for: the wait counts against the timeout.
    const locker = await api.handle.pool.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE order_items IN ACCESS EXCLUSIVE MODE');
      const response = await execute(api.url, RevenueByMonthDocument, { year: 2026 }, { token: api.tokens.analyst });
      const { extensions } = expectErrorCode(response, 'QUERY_TOO_COMPLEX');
      expect(extensions).toMatchObject({ timeoutMs: 1_000 });
      // RUNTIME.md: `cost` and `limit` on every QUERY_TOO_COMPLEX; for a report, milliseconds.
      expect(extensions).toMatchObject({ rule: 'reportTimeout', limit: 1_000, cost: expect.any(Number) });
      expect(extensions?.cost).toBeGreaterThanOrEqual(1_000);
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    dataOf(await execute(api.url, RevenueByMonthDocument, { year: 2026 }, { token: api.tokens.analyst }));
  });
});

// A child process (tsx compiling the CLI): slow on a busy machine; the bound catches hangs.
describe('npm run report', { timeout: 120_000 }, () => {
  it('prints the same numbers as the API (json and csv)', async () => {
    const run = (...args: string[]) => runScript('src/cli/report.ts', args, serviceEnvironment(api.databaseUrl));
    const { stdout } = await run('revenue-by-month', '--year', '2026', '--tz', 'Europe/Paris', '--format', 'json');
    const api2026 = dataOf(
      await execute(api.url, RevenueByMonthDocument, { year: 2026, timeZone: 'Europe/Paris' }, { token: api.tokens.analyst }),
    );
    expect(JSON.parse(stdout)).toEqual(api2026.revenueByMonth);
    const csv = await run(
      'top-products',
      '--from',
      '2026-01-01T00:00:00Z',
      '--to',
      '2026-07-01T00:00:00Z',
      '--limit',
      '3',
      '--format',
      'csv',
    );
    const top = dataOf(
      await execute(
        api.url,
        TopProductsDocument,
        { from: '2026-01-01T00:00:00Z', to: '2026-07-01T00:00:00Z', limit: 3 },
        { token: api.tokens.analyst },
      ),
    );
    expect(
      csv.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',').at(-1)),
    ).toEqual(top.topProducts.map((row) => row.revenue));
  });
});
