/** The order status machine as a whole: every from x to, and what derives from it. No database. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../src/generated/prisma';
import {
  CANCELLABLE_STATUSES,
  mayMove,
  ORDER_STATUSES,
  REVENUE_STATUSES,
  statusesBefore,
  statusUpdateSources,
} from '../../src/services/order-process';

const MOVES = new Set(['PENDING->PAID', 'PENDING->CANCELLED', 'PAID->SHIPPED', 'PAID->CANCELLED', 'SHIPPED->DELIVERED']);
/** What updateOrderStatus does; cancelling is cancelOrder's (test/integration/checkout.test.ts drives both). */
const STATUS_UPDATES = new Set(['PENDING->PAID', 'PAID->SHIPPED', 'SHIPPED->DELIVERED']);
const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));

describe('the order process', () => {
  it("has every status of the database's enum, and only those", () => {
    expect([...ORDER_STATUSES].sort()).toEqual(Object.values(OrderStatus).sort());
  });

  it.each(pairs)('%s -> %s is allowed exactly when the table says so', (from, to) => {
    expect(mayMove(from, to)).toBe(MOVES.has(`${from}->${to}`));
    expect(statusesBefore(to).includes(from)).toBe(MOVES.has(`${from}->${to}`));
    expect(statusUpdateSources(to).includes(from)).toBe(STATUS_UPDATES.has(`${from}->${to}`));
  });

  it('derives the cancellable statuses and the revenue statuses', () => {
    expect(CANCELLABLE_STATUSES).toEqual(['PENDING', 'PAID']);
    expect(REVENUE_STATUSES).toEqual(['PAID', 'SHIPPED', 'DELIVERED']);
  });

  it("agrees with the migration's partial revenue index, so the reports can use it", () => {
    const dir = new URL('../../prisma/migrations/', import.meta.url);
    const sql = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => readFileSync(new URL(`${entry.name}/migration.sql`, dir), 'utf8'))
      .find((text) => text.includes('"orders_revenue_placed_at_idx"'))!;
    const predicate = /orders_revenue_placed_at_idx"[^;]*WHERE "status" IN \(([^)]*)\)/.exec(sql)?.[1];
    expect(predicate?.split(',').map((status) => status.trim().replace(/'/g, ''))).toEqual(REVENUE_STATUSES);
  });
});
