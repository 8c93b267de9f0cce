/**
 * The order status machine, written once (as Vendure's order process): each status and the
 * statuses an order in it may move to. Everything else about statuses derives from this table.
 */
import type { OrderStatus } from '../generated/prisma';

export const ORDER_PROCESS = {
  PENDING: ['PAID', 'CANCELLED'],
  PAID: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>;

export const ORDER_STATUSES = Object.keys(ORDER_PROCESS) as OrderStatus[];

/** Whether an order in `from` may move to `to`. */
export const mayMove = (from: OrderStatus, to: OrderStatus): boolean => (ORDER_PROCESS[from] as readonly OrderStatus[]).includes(to);

/** The statuses from which an order may move to `to`. */
export const statusesBefore = (to: OrderStatus): OrderStatus[] => ORDER_STATUSES.filter((from) => mayMove(from, to));

/** Statuses an order may be cancelled in (cancelOrder, which puts the stock back). */
export const CANCELLABLE_STATUSES = statusesBefore('CANCELLED');

/** The statuses updateOrderStatus moves an order to `to` from: every move but cancelling, which is cancelOrder's. */
export const statusUpdateSources = (to: OrderStatus): OrderStatus[] => (to === 'CANCELLED' ? [] : statusesBefore(to));

/** `start` and every status reachable from it by moves that do not go to `avoided`. */
function reachableAvoiding(start: OrderStatus, avoided: OrderStatus): OrderStatus[] {
  const reached = new Set<OrderStatus>([start]);
  for (const status of reached) for (const next of ORDER_PROCESS[status]) if (next !== avoided) reached.add(next);
  return [...reached];
}

/** An order counts as revenue once it is paid, and stays revenue along every move but cancellation. */
export const REVENUE_STATUSES = reachableAvoiding('PAID', 'CANCELLED');
