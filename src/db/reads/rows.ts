/**
 * Rows by id, as the generated Prisma model types: what the DataLoaders, the token lookup and
 * the point lookups read, each one prepared statement pinned to its Prisma twin by
 * test/integration/reads.test.ts. Lists of ids travel as one `= ANY($1)` array (one plan,
 * whatever the number of ids).
 */
import type { Order, OrderItem, Product, User } from '../../generated/prisma';
import type { Reader } from '../reader';
import { statement } from './statement';

/** Each model's columns under its Prisma field names, in the model's order. */
export const COLUMNS = {
  user: 'id, email, name, role, created_at AS "createdAt", updated_at AS "updatedAt", deleted_at AS "deletedAt"',
  product: 'id, sku, name, description, price, stock, created_at AS "createdAt", updated_at AS "updatedAt", deleted_at AS "deletedAt"',
  order:
    'id, user_id AS "userId", status, total_price AS "totalPrice", placed_at AS "placedAt", updated_at AS "updatedAt", ' +
    'idempotency_key AS "idempotencyKey", request_hash AS "requestHash"',
  orderItem: 'id, order_id AS "orderId", product_id AS "productId", product_name AS "productName", unit_price AS "unitPrice", quantity',
} as const;

const byIds = (table: string, columns: string) => statement(`${table}_by_ids`, `SELECT ${columns} FROM ${table} WHERE id = ANY($1::int[])`);
// Point lookups (the token's user on every signed-in request, node(id), order(id)): an int
// parameter costs less to send and bind than a one-element array.
const byId = (table: string, columns: string) => statement(`${table}_by_id`, `SELECT ${columns} FROM ${table} WHERE id = $1`);
const USER = byId('users', COLUMNS.user);
const PRODUCT = byId('products', COLUMNS.product);
const ORDER = byId('orders', COLUMNS.order);
const ORDER_ITEM = byId('order_items', COLUMNS.orderItem);
const USERS = byIds('users', COLUMNS.user);
const PRODUCTS = byIds('products', COLUMNS.product);
const ITEMS_OF_ORDERS = statement(
  'items_of_orders',
  `SELECT ${COLUMNS.orderItem} FROM order_items WHERE order_id = ANY($1::int[]) ORDER BY id`,
);
const ORDER_COUNTS = statement(
  'order_counts',
  'SELECT user_id AS "userId", count(*)::int AS count FROM orders WHERE user_id = ANY($1::int[]) GROUP BY user_id',
);

const first = <Row>(rows: Row[]): Row | null => rows[0] ?? null;
/** A user by id, deleted or not. */
export const userById = async (reader: Reader, id: number) => first(await reader.rows<User>(USER, [id]));
/** A product by id, deleted or not. */
export const productById = async (reader: Reader, id: number) => first(await reader.rows<Product>(PRODUCT, [id]));
/** An order by id. */
export const orderById = async (reader: Reader, id: number) => first(await reader.rows<Order>(ORDER, [id]));
/** An order line by id. */
export const orderItemById = async (reader: Reader, id: number) => first(await reader.rows<OrderItem>(ORDER_ITEM, [id]));

/** Users with these ids, deleted ones included, in no particular order. */
export const usersByIds = (reader: Reader, ids: readonly number[]) => reader.rows<User>(USERS, [ids]);
/** Products with these ids, deleted ones included, in no particular order. */
export const productsByIds = (reader: Reader, ids: readonly number[]) => reader.rows<Product>(PRODUCTS, [ids]);
/** The lines of these orders, in the order they were written (by id). */
export const itemsOfOrders = (reader: Reader, orderIds: readonly number[]) => reader.rows<OrderItem>(ITEMS_OF_ORDERS, [orderIds]);
/** How many orders each of these users has placed (users without orders are absent). */
export const orderCountsOfUsers = (reader: Reader, userIds: readonly number[]) =>
  reader.rows<{ userId: number; count: number }>(ORDER_COUNTS, [userIds]);
