/**
 * An independent computation of the reports in TypeScript over plain rows: buckets from
 * Intl.DateTimeFormat, money summed in integer cents. The SQL reports must agree to the cent.
 */
import type { Database } from '../../src/db/client';

const REVENUE = new Set(['PAID', 'SHIPPED', 'DELIVERED']);

export interface Line {
  orderId: number;
  status: string;
  placedAt: Date;
  productId: number;
  quantity: number;
  cents: number;
}

export async function revenueLines(db: Database): Promise<Line[]> {
  const items = await db.orderItem.findMany({ include: { order: true } });
  return items
    .filter((item) => REVENUE.has(item.order.status))
    .map((item) => ({
      orderId: item.orderId,
      status: item.order.status,
      placedAt: item.order.placedAt,
      productId: item.productId,
      quantity: item.quantity,
      cents: Math.round(Number(item.unitPrice.mul(100).toFixed(0))) * item.quantity,
    }));
}

export function localDate(instant: Date, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export const centsText = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** Per bucket: revenue in cents, distinct orders, units. */
export function bucketed(lines: Line[], bucketOf: (line: Line) => string | undefined) {
  const buckets = new Map<string, { cents: number; orders: Set<number>; units: number }>();
  for (const line of lines) {
    const key = bucketOf(line);
    if (key === undefined) continue;
    const bucket = buckets.get(key) ?? { cents: 0, orders: new Set<number>(), units: 0 };
    bucket.cents += line.cents;
    bucket.orders.add(line.orderId);
    bucket.units += line.quantity;
    buckets.set(key, bucket);
  }
  return [...buckets].sort(([a], [b]) => (a < b ? -1 : 1));
}
