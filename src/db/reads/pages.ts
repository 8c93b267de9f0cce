/**
 * Connection pages and their counts as prepared statements. A statement's text is assembled
 * from fixed fragments according to which filters are present (never from their values, which
 * are parameters), so each combination is its own statement, planned once per connection.
 * Keyset pages: rows after the cursor's (sort key, id) as a row comparison, which the
 * (key, id) indexes serve. test/integration/reads.test.ts pins each to its Prisma twin.
 */
import type { Order, OrderStatus, Prisma, Product, User } from '../../generated/prisma';
import { LIVE_CONDITION } from '../live';
import type { Reader } from '../reader';
import { COLUMNS } from './rows';
import { Parameters, statement } from './statement';

const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

export interface OrdersFilter {
  userId?: number;
  status?: OrderStatus;
  /** Inclusive. */
  placedAfter?: Date;
  /** Exclusive. */
  placedBefore?: Date;
  minTotal?: Prisma.Decimal;
}

function orderConditions(filter: OrdersFilter, params: Parameters): string[] {
  const conditions: string[] = [];
  if (filter.userId !== undefined) conditions.push(`user_id = ${params.add(filter.userId)}`);
  if (filter.status !== undefined) conditions.push(`status = ${params.add(filter.status)}::order_status`);
  if (filter.placedAfter !== undefined) conditions.push(`placed_at >= ${params.add(filter.placedAfter)}::timestamptz`);
  if (filter.placedBefore !== undefined) conditions.push(`placed_at < ${params.add(filter.placedBefore)}::timestamptz`);
  if (filter.minTotal !== undefined) conditions.push(`total_price >= ${params.add(filter.minTotal.toString())}::numeric`);
  return conditions;
}

/** Up to `take` orders matching `filter` after `after`, newest first: (placed_at, id) descending. */
export function ordersPage(reader: Reader, filter: OrdersFilter, after: { placedAt: Date; id: number } | undefined, take: number) {
  const params = new Parameters();
  const conditions = orderConditions(filter, params);
  if (after) conditions.push(`(placed_at, id) < (${params.add(after.placedAt)}::timestamptz, ${params.add(after.id)}::int)`);
  const text = `SELECT ${COLUMNS.order} FROM orders ${where(conditions)} ORDER BY placed_at DESC, id DESC LIMIT ${params.add(take)}`;
  return reader.rows<Order>(statement('orders_page', text), params.values);
}

export async function countOrders(reader: Reader, filter: OrdersFilter): Promise<number> {
  const params = new Parameters();
  const text = `SELECT count(*)::int AS count FROM orders ${where(orderConditions(filter, params))}`;
  return (await reader.rows<{ count: number }>(statement('orders_count', text), params.values))[0]!.count;
}

/**
 * The first `perUser` orders of each user (after `before`, when given), newest first, in one
 * statement: a window per user. Sorted by user, then newest first.
 */
export function ordersOfUsersPage(
  reader: Reader,
  userIds: readonly number[],
  before: { placedAt: Date; id: number } | undefined,
  perUser: number,
) {
  const params = new Parameters();
  const conditions = [`user_id = ANY(${params.add(userIds)}::int[])`];
  if (before) conditions.push(`(placed_at, id) < (${params.add(before.placedAt)}::timestamptz, ${params.add(before.id)}::int)`);
  const text = `
    SELECT ${COLUMNS.order} FROM (
      SELECT o.*, row_number() OVER (PARTITION BY user_id ORDER BY placed_at DESC, id DESC) AS position
      FROM orders o ${where(conditions)}
    ) ranked
    WHERE position <= ${params.add(perUser)}
    ORDER BY user_id, placed_at DESC, id DESC`;
  return reader.rows<Order>(statement('orders_of_users_page', text), params.values);
}

export interface ProductsFilter {
  /** Already escaped for LIKE (`\`, `%` and `_` taken literally). */
  search?: string;
  minPrice?: Prisma.Decimal;
  maxPrice?: Prisma.Decimal;
  inStock?: boolean;
}

/** Sort columns, each with the type its cursor key is cast to. */
export const PRODUCT_SORT = { name: 'text', price: 'numeric', created_at: 'timestamptz' } as const;
export type ProductSortColumn = keyof typeof PRODUCT_SORT;

function productConditions(filter: ProductsFilter, params: Parameters): string[] {
  const conditions = [LIVE_CONDITION];
  if (filter.search !== undefined) {
    const pattern = params.add(`%${filter.search}%`);
    conditions.push(`(name ILIKE ${pattern} OR sku ILIKE ${pattern})`);
  }
  if (filter.minPrice !== undefined) conditions.push(`price >= ${params.add(filter.minPrice.toString())}::numeric`);
  if (filter.maxPrice !== undefined) conditions.push(`price <= ${params.add(filter.maxPrice.toString())}::numeric`);
  if (filter.inStock !== undefined) conditions.push(filter.inStock ? 'stock > 0' : 'stock = 0');
  return conditions;
}

/** Up to `take` live products matching `filter`, ordered by (column, id), after `after`. */
export function productsPage(
  reader: Reader,
  filter: ProductsFilter,
  sort: { column: ProductSortColumn; descending: boolean },
  after: { key: string | Date; id: number } | undefined,
  take: number,
) {
  const params = new Parameters();
  const conditions = productConditions(filter, params);
  const direction = sort.descending ? 'DESC' : 'ASC';
  if (after) {
    const key = `${params.add(after.key)}::${PRODUCT_SORT[sort.column]}`;
    conditions.push(`(${sort.column}, id) ${sort.descending ? '<' : '>'} (${key}, ${params.add(after.id)}::int)`);
  }
  const text =
    `SELECT ${COLUMNS.product} FROM products ${where(conditions)} ` +
    `ORDER BY ${sort.column} ${direction}, id ${direction} LIMIT ${params.add(take)}`;
  return reader.rows<Product>(statement('products_page', text), params.values);
}

export async function countProducts(reader: Reader, filter: ProductsFilter): Promise<number> {
  const params = new Parameters();
  const text = `SELECT count(*)::int AS count FROM products ${where(productConditions(filter, params))}`;
  return (await reader.rows<{ count: number }>(statement('products_count', text), params.values))[0]!.count;
}

const USERS_PAGE = statement('users_page', `SELECT ${COLUMNS.user} FROM users WHERE ${LIVE_CONDITION} AND id > $1 ORDER BY id LIMIT $2`);
const USERS_COUNT = statement('users_count', `SELECT count(*)::int AS count FROM users WHERE ${LIVE_CONDITION}`);

/** Up to `take` live users with an id above `afterId`, in id order. */
export const usersPage = (reader: Reader, afterId: number, take: number) => reader.rows<User>(USERS_PAGE, [afterId, take]);

export async function countLiveUsers(reader: Reader): Promise<number> {
  return (await reader.rows<{ count: number }>(USERS_COUNT, []))[0]!.count;
}
