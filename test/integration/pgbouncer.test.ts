/**
 * The service behind PgBouncer in transaction pooling mode, as docker-compose.yml deploys it:
 * transactions, read-only report transactions and keyset pages must all work
 * when every transaction may land on another server connection. Runs where PgBouncer is
 * installed (CI installs it); elsewhere it says so and is skipped.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { connectionOptions } from '../../src/db/connection-options';
import { createReader } from '../../src/db/reader';
import { usersByIds } from '../../src/db/reads/rows';
import { toGlobalId } from '../../src/graphql/global-id';
import { CancelOrderDocument, PlaceOrderDocument, ProductsDocument, RevenueByMonthDocument, UsersDocument } from '../generated/graphql';
import { dataOf, useTestApi } from '../support/api';
import { execute } from '../support/http';
import { walkConnection } from '../support/pagination';
import { hasPgbouncer, startPgbouncer } from '../support/pgbouncer';
import { expectConsistentShop } from '../support/shop';

describe.runIf(hasPgbouncer)('behind PgBouncer (transaction pooling)', () => {
  const api = useTestApi({ via: startPgbouncer, poolSize: 20 });

  it('places, replays and cancels orders concurrently, and stock adds up', async () => {
    const product = await api.db.product.create({ data: { sku: 'POOLED-1', name: 'Pooled', price: '2.50', stock: 30 } });
    const items = [{ productId: toGlobalId('Product', product.id), quantity: 1 }];
    const tokens = [api.tokens.alice, api.tokens.bob, api.tokens.admin, api.tokens.analyst];
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        execute(api.url, PlaceOrderDocument, { input: { items, idempotencyKey: `key-${index % 20}` } }, { token: tokens[index % 4]! }),
      ),
    );
    const placed = new Set(responses.map((response) => response.data?.placeOrder.id).filter(Boolean));
    expect(responses.flatMap((response) => response.errors ?? [])).toEqual([]);
    expect(placed.size).toBe(20); // 20 keys x 4 users, each (user, key) pair used twice
    const first = [...placed][0]!;
    expect((await api.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(10);
    dataOf(await execute(api.url, CancelOrderDocument, { id: first }, { token: api.tokens.admin }));
    expect((await api.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(11);
    await expectConsistentShop(api.db);
  });

  it('serves reports (read-only transaction, statement timeout) and pages through lists', async () => {
    dataOf(await execute(api.url, RevenueByMonthDocument, { year: 2026, timeZone: 'Europe/Paris' }, { token: api.tokens.analyst }));
    const users = await walkConnection(
      5,
      async (after) => dataOf(await execute(api.url, UsersDocument, { first: 5, after }, { token: api.tokens.admin })).users,
    );
    expect(users.length).toBe(await api.db.user.count({ where: { deletedAt: null } }));
    const products = await walkConnection(
      7,
      async (after) => dataOf(await execute(api.url, ProductsDocument, { first: 7, after })).products,
    );
    expect(products.length).toBe(await api.db.product.count({ where: { deletedAt: null } }));
  });

  it('without pgbouncer=true, the prepared reads notice and fall back to unnamed statements', async () => {
    expect(api.handle.reader.preparing).toBe(false); // the URL says pgbouncer=true
    // 20 client connections over 4 server connections: some statement meets a server
    // connection that another client prepared it on (or lacks it), whatever the timing.
    const pool = new pg.Pool({ ...connectionOptions(api.queryUrl), max: 20 });
    try {
      const reader = createReader(pool, { prepare: true });
      const reads = await Promise.all(Array.from({ length: 60 }, (_, index) => usersByIds(reader, [(index % 4) + 1])));
      expect(reads.map((rows) => rows[0]?.id)).toEqual(Array.from({ length: 60 }, (_, index) => (index % 4) + 1));
      expect(reader.preparing).toBe(false);
    } finally {
      await pool.end();
    }
  });
});
