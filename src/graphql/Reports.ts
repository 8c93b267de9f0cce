import { extendType, intArg, nonNull, objectType, stringArg } from 'nexus';
import { liveOrNull } from '../db/live';
import { revenueByDay, revenueByMonth, topProducts } from '../services/reports';

const thisModule = new URL('../services/reports/index.ts', import.meta.url).pathname;

export const MonthlyRevenue = objectType({
  name: 'MonthlyRevenue',
  sourceType: { module: thisModule, export: 'MonthlyRevenue' },
  definition(t) {
    t.nonNull.string('month', { description: 'Calendar month in the requested time zone, as YYYY-MM.' });
    t.nonNull.decimal('revenue');
    t.nonNull.int('orderCount');
    t.nonNull.int('itemsSold');
  },
});

export const DailyRevenue = objectType({
  name: 'DailyRevenue',
  description: 'Days without revenue are omitted.',
  sourceType: { module: thisModule, export: 'DailyRevenue' },
  definition(t) {
    t.nonNull.string('day', { description: 'Calendar day in the requested time zone, as YYYY-MM-DD.' });
    t.nonNull.decimal('revenue');
    t.nonNull.int('orderCount', { description: 'Orders that count as revenue (PAID, SHIPPED or DELIVERED) placed that day.' });
  },
});

export const ProductSales = objectType({
  name: 'ProductSales',
  description: 'One row per product (by product, not by name), highest revenue first; ties by unitsSold, then productName.',
  sourceType: { module: thisModule, export: 'ProductSales' },
  definition(t) {
    t.field('product', {
      type: 'Product',
      description: 'Null if the product has since been deleted.',
      resolve: async (sales, _, ctx) => liveOrNull(await ctx.loaders.productById.load(sales.productId)),
    });
    t.nonNull.string('productName', { description: "The product's current name (kept after deletion)." });
    t.nonNull.int('unitsSold');
    t.nonNull.decimal('revenue');
  },
});

export const ReportQueries = extendType({
  type: 'Query',
  definition(t) {
    t.nonNull.list.nonNull.field('revenueByMonth', {
      type: 'MonthlyRevenue',
      description:
        'Revenue per calendar month of the given year, counting orders whose status is PAID, SHIPPED or DELIVERED; ' +
        'months without revenue are omitted. Analysts and admins only.',
      args: { year: nonNull(intArg()), timeZone: stringArg({ default: 'UTC' }) },
      resolve: (_, { year, timeZone }, ctx) =>
        revenueByMonth(ctx.reportDb, ctx.viewer, { year, timeZone: timeZone ?? 'UTC' }, ctx.settings.reportTimeoutMs),
    });
    t.nonNull.list.nonNull.field('revenueByDay', {
      type: 'DailyRevenue',
      description: 'Revenue per calendar day in [from, to), at most 400 days, same statuses. Analysts and admins only.',
      args: { from: nonNull('DateTime'), to: nonNull('DateTime'), timeZone: stringArg({ default: 'UTC' }) },
      resolve: (_, { from, to, timeZone }, ctx) =>
        revenueByDay(ctx.reportDb, ctx.viewer, { from, to, timeZone: timeZone ?? 'UTC' }, ctx.settings.reportTimeoutMs),
    });
    t.nonNull.list.nonNull.field('topProducts', {
      type: 'ProductSales',
      description: 'Best-selling products by revenue in [from, to), same statuses; limit 1-100. Analysts and admins only.',
      args: { from: nonNull('DateTime'), to: nonNull('DateTime'), limit: intArg({ default: 10 }) },
      resolve: (_, { from, to, limit }, ctx) =>
        topProducts(ctx.reportDb, ctx.viewer, { from, to, limit: limit ?? 10 }, ctx.settings.reportTimeoutMs),
    });
  },
});
