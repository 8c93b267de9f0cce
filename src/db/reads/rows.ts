/**
 * Rows by id, as the generated Prisma model types: what the DataLoaders, the token lookup and
 * the point lookups read. Each is one prepared statement with an `= ANY($1)` array (one plan,
 * whatever the number of ids), pinned to its Prisma twin by test/integration/reads.test.ts.
 */
import type { Order, OrderItem, Product, User } from '../../generated/prisma';
import type { Reader } from '../reader';
import { statement } from './statement';

/** Each model's columns under its Prisma field names, in the model's order. */
export const COLUMNS = {
  user: 'id, email, name, role, created_at AS "createdAt", updated_at AS "updatedAt", deleted_at AS "deletedAt"',
  product:
    'id, sku, name, description, price, stock, created_at AS "createdAt", updated_at AS "updatedAt", deleted_at AS "deletedAt"',
  order:
    'id, user_id AS "userId", status, total_price AS "totalPrice", placed_at AS "placedAt", updated_at AS "updatedAt", ' +
    'idempotency_key AS "idempotencyKey", request_hash AS "requestHash"',
  orderItem: 'id, order_id AS "orderId", product_id AS "productId", product_name AS "productName", unit_price AS "unitPrice", quantity',
} as const;

const byIds = (table: string, columns: string) => statement(`${table}_by_ids`, `SELECT ${columns} FROM ${table} WHERE id = ANY($1::int[])`);
const USERS = byIds('users', COLUMNS.user);
const PRODUCTS = byIds('products', COLUMNS.product);
const ORDERS = byIds('orders', COLUMNS.order);
const ORDER_ITEMS = byIds('order_items', COLUMNS.orderItem);
const ITEMS_OF_ORDERS = statement('items_of_orders', `SELECT ${COLUMNS.orderItem} FROM order_items WHERE order_id = ANY($1::int[]) ORDER BY id`);
const ORDER_COUNTS = statement(
  'order_counts',
  'SELECT user_id AS "userId", count(*)::int AS count FROM orders WHERE user_id = ANY($1::int[]) GROUP BY user_id',
);

/** Users with these ids, deleted ones included, in no particular order. */
export const usersByIds = (reader: Reader, ids: readonly number[]) => reader.rows<User>(USERS, [ids]);
/** Products with these ids, deleted ones included, in no particular order. */
export const productsByIds = (reader: Reader, ids: readonly number[]) => reader.rows<Product>(PRODUCTS, [ids]);
/** Orders with these ids, in no particular order. */
export const ordersByIds = (reader: Reader, ids: readonly number[]) => reader.rows<Order>(ORDERS, [ids]);
/** Order lines with these ids, in no particular order. */
export const orderItemsByIds = (reader: Reader, ids: readonly number[]) => reader.rows<OrderItem>(ORDER_ITEMS, [ids]);
/** The lines of these orders, in the order they were written (by id). */
export const itemsOfOrders = (reader: Reader, orderIds: readonly number[]) => reader.rows<OrderItem>(ITEMS_OF_ORDERS, [orderIds]);
/** How many orders each of these users has placed (users without orders are absent). */
export const orderCountsOfUsers = (reader: Reader, userIds: readonly number[]) =>
  reader.rows<{ userId: number; count: number }>(ORDER_COUNTS, [userIds]);
