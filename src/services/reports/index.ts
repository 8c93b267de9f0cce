/**
 * Revenue reports for analysts: each is one SQL statement ($queryRaw tagged templates: values are
 * parameters, identifiers never come from input). Revenue sums the lines' snapshots
 * (quantity * unit_price) of the orders in a revenue status (src/services/order-process.ts: PAID,
 * SHIPPED, DELIVERED), exactly (numeric, Decimal).
 * Buckets are calendar months/days in the requested IANA time zone.
 */
import type { Database } from '../../db/client';
import { Prisma } from '../../generated/prisma';
import { BadUserInputError } from '../errors';
import * as valid from '../validation';
import type { Viewer } from '../viewer';
import { REVENUE_STATUSES } from '../order-process';
import { runReport } from './run-report';
import { checkTimeZone } from './time-zones';

export interface MonthlyRevenue {
  month: string;
  revenue: Prisma.Decimal;
  orderCount: number;
  itemsSold: number;
}
export interface DailyRevenue {
  day: string;
  revenue: Prisma.Decimal;
  orderCount: number;
}
export interface ProductSales {
  productId: number;
  productName: string;
  unitsSold: number;
  revenue: Prisma.Decimal;
}

export const MAX_DAYS = 400;
export const MAX_TOP_PRODUCTS = 100;
const DAY_MS = 86_400_000;
// The partial index orders_revenue_placed_at_idx is on the same statuses (test/unit/order-process.test.ts checks).
const revenueStatuses = Prisma.join(REVENUE_STATUSES.map((status) => Prisma.sql`${status}::order_status`));

/** The lines of the orders that count as revenue, placed in [from, to). */
const revenueLines = (from: Date | Prisma.Sql, to: Date | Prisma.Sql) => Prisma.sql`
  FROM orders o
  JOIN order_items i ON i.order_id = o.id
  WHERE o.status IN (${revenueStatuses}) AND o.placed_at >= ${from} AND o.placed_at < ${to}`;

/** The reports' SQL, exported so that the benchmark runs exactly the same statements without Prisma. */
export const revenueByMonthSql = (year: number, zone: string) => Prisma.sql`
  SELECT to_char(date_trunc('month', o.placed_at AT TIME ZONE ${zone}), 'YYYY-MM') AS month,
         sum(i.quantity * i.unit_price) AS revenue,
         count(DISTINCT o.id)::int AS order_count,
         sum(i.quantity)::int AS items_sold
  ${revenueLines(
    Prisma.sql`make_timestamptz(${year}::int, 1, 1, 0, 0, 0, ${zone})`,
    Prisma.sql`make_timestamptz(${year + 1}::int, 1, 1, 0, 0, 0, ${zone})`,
  )}
  GROUP BY 1
  ORDER BY 1`;

export const revenueByDaySql = (from: Date, to: Date, zone: string) => Prisma.sql`
  SELECT to_char(date_trunc('day', o.placed_at AT TIME ZONE ${zone}), 'YYYY-MM-DD') AS day,
         sum(i.quantity * i.unit_price) AS revenue,
         count(DISTINCT o.id)::int AS order_count
  ${revenueLines(from, to)}
  GROUP BY 1
  ORDER BY 1`;

export const topProductsSql = (from: Date, to: Date, limit: number) => Prisma.sql`
  SELECT p.id AS product_id, p.name AS product_name, sales.units_sold::int AS units_sold, sales.revenue
  FROM (
    SELECT i.product_id, sum(i.quantity) AS units_sold, sum(i.quantity * i.unit_price) AS revenue
    ${revenueLines(from, to)}
    GROUP BY i.product_id
  ) sales
  JOIN products p ON p.id = sales.product_id
  ORDER BY sales.revenue DESC, sales.units_sold DESC, p.name ASC, p.id ASC
  LIMIT ${limit}`;

function checkRange(from: Date, to: Date, maxDays?: number) {
  if (!(from < to)) throw new BadUserInputError('from must be before to.', 'from');
  if (maxDays !== undefined && to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw new BadUserInputError(`The range may cover at most ${maxDays} days.`, 'to');
  }
}

/**
 * Revenue per calendar month of `year` in `timeZone`; months without revenue are omitted. ANALYST or ADMIN.
 * @throws UNAUTHENTICATED, FORBIDDEN; BAD_USER_INPUT (year, time zone); QUERY_TOO_COMPLEX (timed out).
 */
export async function revenueByMonth(
  db: Database,
  viewer: Viewer,
  args: { year: number; timeZone: string },
  timeoutMs: number,
): Promise<MonthlyRevenue[]> {
  return runReport(db, viewer, timeoutMs, async (tx) => {
    const year = valid.integerInRange(args.year, 1900, 2200, 'year');
    const zone = await checkTimeZone(tx, args.timeZone);
    const rows = await tx.$queryRaw<{ month: string; revenue: Prisma.Decimal; order_count: number; items_sold: number }[]>(
      revenueByMonthSql(year, zone),
    );
    return rows.map((row) => ({ month: row.month, revenue: row.revenue, orderCount: row.order_count, itemsSold: row.items_sold }));
  });
}

/**
 * Revenue per calendar day in [from, to) (at most 400 days) in `timeZone`; days without revenue omitted. ANALYST or ADMIN.
 * @throws UNAUTHENTICATED, FORBIDDEN; BAD_USER_INPUT (range, time zone); QUERY_TOO_COMPLEX (timed out).
 */
export async function revenueByDay(
  db: Database,
  viewer: Viewer,
  args: { from: Date; to: Date; timeZone: string },
  timeoutMs: number,
): Promise<DailyRevenue[]> {
  return runReport(db, viewer, timeoutMs, async (tx) => {
    checkRange(args.from, args.to, MAX_DAYS);
    const zone = await checkTimeZone(tx, args.timeZone);
    const rows = await tx.$queryRaw<{ day: string; revenue: Prisma.Decimal; order_count: number }[]>(
      revenueByDaySql(args.from, args.to, zone),
    );
    return rows.map((row) => ({ day: row.day, revenue: row.revenue, orderCount: row.order_count }));
  });
}

/**
 * Best-selling products by revenue in [from, to): one row per product; ties by units, then name. ANALYST or ADMIN.
 * @throws UNAUTHENTICATED, FORBIDDEN; BAD_USER_INPUT (range, limit); QUERY_TOO_COMPLEX (timed out).
 */
export async function topProducts(
  db: Database,
  viewer: Viewer,
  args: { from: Date; to: Date; limit: number },
  timeoutMs: number,
): Promise<ProductSales[]> {
  return runReport(db, viewer, timeoutMs, async (tx) => {
    checkRange(args.from, args.to);
    const limit = valid.integerInRange(args.limit, 1, MAX_TOP_PRODUCTS, 'limit');
    const rows = await tx.$queryRaw<{ product_id: number; product_name: string; units_sold: number; revenue: Prisma.Decimal }[]>(
      topProductsSql(args.from, args.to, limit),
    );
    return rows.map((row) => ({
      productId: row.product_id,
      productName: row.product_name,
      unitsSold: row.units_sold,
      revenue: row.revenue,
    }));
  });
}
