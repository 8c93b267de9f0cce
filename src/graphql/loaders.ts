/**
 * Per-request DataLoaders: every relation the schema exposes resolves through one of these, so a
 * nested query costs one statement per relation level, whatever the page size. The statements
 * are prepared reads (src/db/reads). Each batch function returns one result per key, in key order.
 */
import DataLoader from 'dataloader';
import type { Reader } from '../db/reader';
import { itemsOfOrders, orderCountsOfUsers, productsByIds, usersByIds } from '../db/reads/rows';
import type { Order, OrderItem, Product, User } from '../generated/prisma';
import { firstOrdersOfUsers } from '../services/orders';
import type { PageArgs, PageSlice } from '../services/pagination';

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const found = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => found.get(key) ?? null);
}

function groupedByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

export function createLoaders(reader: Reader) {
  const ordersOfUserByArgs = new Map<string, DataLoader<number, PageSlice<Order>>>();
  return {
    /** Users by id, soft-deleted ones included (an order's user stays its user). */
    userById: new DataLoader<number, User | null>(async (ids) => byKey(ids, await usersByIds(reader, ids), (user) => user.id)),
    /** Products by id, soft-deleted ones included (callers decide whether to show them). */
    productById: new DataLoader<number, Product | null>(async (ids) =>
      byKey(ids, await productsByIds(reader, ids), (product) => product.id),
    ),
    /** The lines of each order, in the order they were written. */
    itemsByOrderId: new DataLoader<number, OrderItem[]>(async (ids) =>
      groupedByKey(ids, await itemsOfOrders(reader, ids), (item) => item.orderId),
    ),
    /** How many orders each user has placed, in any status. */
    orderCountByUserId: new DataLoader<number, number>(async (ids) => {
      const byUser = new Map((await orderCountsOfUsers(reader, ids)).map((row) => [row.userId, row.count]));
      return ids.map((id) => byUser.get(id) ?? 0);
    }),
    /** A page of each user's orders; users asked for with the same page arguments share one statement. */
    ordersOfUser(args: PageArgs): DataLoader<number, PageSlice<Order>> {
      const argsKey = JSON.stringify([args.first ?? null, args.after ?? null]);
      let loader = ordersOfUserByArgs.get(argsKey);
      if (!loader) {
        loader = new DataLoader(async (userIds) => {
          const pages = await firstOrdersOfUsers(reader, userIds, args);
          return userIds.map((id) => pages.get(id)!);
        });
        ordersOfUserByArgs.set(argsKey, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
