import {
  RevenueByDayDocument,
  RevenueByMonthDocument,
  TopProductsDocument,
  type OrderServiceClient,
  type RevenueByDayQuery,
  type RevenueByMonthQuery,
  type TopProductsQuery,
} from '../../client';
import { barChart, lineChart } from './charts';
import type { Column } from './csv';
import { dayRange, daysBetween } from './dates';
import { sumDecimals } from './decimal';

export interface Filters {
  timeZone: string;
  year: number;
  /** First and last day (YYYY-MM-DD, both included) of the daily report and the top products. */
  first: string;
  last: string;
  limit: number;
}

/** A column, and what its table footer shows (exact: decimals summed as decimals). */
export interface ReportColumn<Row> extends Column<Row> {
  total?(rows: readonly Row[]): string;
}

export interface Report<Row> {
  /** The id of the report's <article> in the page. */
  id: 'monthly' | 'daily' | 'top';
  columns: ReportColumn<Row>[];
  load(client: OrderServiceClient, filters: Filters): Promise<Row[]>;
  chart?(container: HTMLElement, rows: Row[], filters: Filters): void;
  fileName(filters: Filters): string;
}

type MonthRow = RevenueByMonthQuery['revenueByMonth'][number];
type DayRow = RevenueByDayQuery['revenueByDay'][number];
type ProductRow = TopProductsQuery['topProducts'][number];

const revenue = <Row extends { revenue: string }>(): ReportColumn<Row> => ({
  title: 'revenue',
  heading: 'Revenue',
  numeric: true,
  value: (row) => row.revenue,
  total: (rows) => sumDecimals(rows.map((row) => row.revenue)),
});
const count = <Row>(title: string, heading: string, of: (row: Row) => number): ReportColumn<Row> => ({
  title,
  heading,
  numeric: true,
  value: (row) => String(of(row)),
  total: (rows) => String(rows.reduce((sum, row) => sum + of(row), 0)),
});
const zoneInName = (timeZone: string) => timeZone.replace(/[^A-Za-z0-9+-]+/g, '_');

export const monthlyRevenue: Report<MonthRow> = {
  id: 'monthly',
  columns: [
    { title: 'month', heading: 'Month', value: (row) => row.month },
    revenue(),
    count('orderCount', 'Orders', (row) => row.orderCount),
    count('itemsSold', 'Items sold', (row) => row.itemsSold),
  ],
  load: async (client, { year, timeZone }) => (await client.request(RevenueByMonthDocument, { year, timeZone })).revenueByMonth,
  chart(container, rows, { year }) {
    const months = Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`);
    const byMonth = new Map(rows.map((row) => [row.month, Number(row.revenue)]));
    barChart(
      container,
      months,
      months.map((month) => byMonth.get(month) ?? null),
      'Revenue',
    );
  },
  fileName: ({ year, timeZone }) => `revenue-by-month-${year}-${zoneInName(timeZone)}.csv`,
};

export const dailyRevenue: Report<DayRow> = {
  id: 'daily',
  columns: [{ title: 'day', heading: 'Day', value: (row) => row.day }, revenue(), count('orderCount', 'Orders', (row) => row.orderCount)],
  load: async (client, { first, last, timeZone }) =>
    (await client.request(RevenueByDayDocument, { ...dayRange(first, last, timeZone), timeZone })).revenueByDay,
  chart(container, rows, { first, last }) {
    // The API leaves out days without revenue; the line shows them as zero.
    const byDay = new Map(rows.map((row) => [row.day, Number(row.revenue)]));
    const days = daysBetween(first, last);
    lineChart(
      container,
      days,
      days.map((day) => byDay.get(day) ?? 0),
      'Revenue',
    );
  },
  fileName: ({ first, last, timeZone }) => `revenue-by-day-${first}-to-${last}-${zoneInName(timeZone)}.csv`,
};

export const topProducts: Report<ProductRow> = {
  id: 'top',
  columns: [
    { title: 'productName', heading: 'Product', value: (row) => row.productName, text: true },
    { title: 'sku', heading: 'SKU', value: (row) => row.product?.sku ?? '(deleted)', text: true },
    count('unitsSold', 'Units sold', (row) => row.unitsSold),
    revenue(),
  ],
  load: async (client, { first, last, timeZone, limit }) =>
    (await client.request(TopProductsDocument, { ...dayRange(first, last, timeZone), limit })).topProducts,
  fileName: ({ first, last, timeZone }) => `top-products-${first}-to-${last}-${zoneInName(timeZone)}.csv`,
};
