/**
 * Every prepared read (src/db/reads) returns exactly what the Prisma query it replaces returns on
 * the same rows: same rows, same order, same types (Prisma.Decimal, Date, enums, nulls), so the
 * two cannot drift apart. Each runs both named (prepared) and unnamed (behind a transaction
 * pooler), and the reader recovers when a prepared statement has gone missing.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/seed';
import { createReader, type Reader } from '../../src/db/reader';
import {
  countLiveUsers,
  countOrders,
  countProducts,
  ordersOfUsersPage,
  ordersPage,
  productsPage,
  usersPage,
  type OrdersFilter,
  type ProductSortColumn,
  type ProductsFilter,
} from '../../src/db/reads/pages';
import {
  itemsOfOrders,
  orderById,
  orderCountsOfUsers,
  orderItemById,
  productById,
  productsByIds,
  userById,
  usersByIds,
} from '../../src/db/reads/rows';
import { Prisma } from '../../src/generated/prisma';
import { SMALL_SHOP } from '../support/api';
import { useTestDatabase } from '../support/database';

const database = useTestDatabase(4);
const db = () => database.prisma;
const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);

beforeAll(async () => {
  await seedDemoData(database.prisma, SMALL_SHOP);
  // Rows the seed does not make: soft deletions, wildcard characters, no description, idempotency keys.
  await db().user.update({ where: { id: 5 }, data: { deletedAt: new Date('2026-05-01T10:00:00.123Z') } });
  await db().product.update({ where: { id: 2 }, data: { deletedAt: new Date('2026-05-02T10:00:00.456Z'), name: '100% cotton_shirt' } });
  await db().product.update({ where: { id: 3 }, data: { name: '50% off', description: null } });
  await db().product.update({ where: { id: 4 }, data: { name: 'under_score' } });
  await db().order.update({ where: { id: 7 }, data: { idempotencyKey: 'key-7', requestHash: 'hash-7' } });
});

const readers: [string, () => Reader][] = [
  ['prepared', () => createReader(database.pool, { prepare: true })],
  ['unnamed (transaction pooler)', () => createReader(database.pool, { prepare: false })],
];

describe.each(readers)('prepared reads, %s', (_, makeReader) => {
  let reader: Reader;
  beforeAll(() => {
    reader = makeReader();
  });

  it('rows by id equal findMany({ where: { id: { in } } })', async () => {
    const ids = [1, 2, 3, 5, 8, 13, 21, 999];
    expect(byId(await usersByIds(reader, ids))).toStrictEqual(
      await db().user.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } }),
    );
    expect(byId(await productsByIds(reader, ids))).toStrictEqual(
      await db().product.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } }),
    );
    expect(await usersByIds(reader, [])).toStrictEqual([]);
  });

  it('a row by id equals findUnique({ where: { id } })', async () => {
    for (const id of [1, 2, 3, 5, 999]) {
      expect(await userById(reader, id)).toStrictEqual(await db().user.findUnique({ where: { id } }));
      expect(await productById(reader, id)).toStrictEqual(await db().product.findUnique({ where: { id } }));
      expect(await orderById(reader, id)).toStrictEqual(await db().order.findUnique({ where: { id } }));
      expect(await orderItemById(reader, id)).toStrictEqual(await db().orderItem.findUnique({ where: { id } }));
    }
  });

  it("an order's lines and users' order counts equal their Prisma queries", async () => {
    const orderIds = [1, 2, 7, 50, 119, 120, 5000];
    expect(await itemsOfOrders(reader, orderIds)).toStrictEqual(
      await db().orderItem.findMany({ where: { orderId: { in: orderIds } }, orderBy: { id: 'asc' } }),
    );
    const userIds = [1, 3, 4, 6, 7, 999];
    const counts = await db().order.groupBy({
      by: ['userId'],
      where: { userId: { in: userIds } },
      _count: { _all: true },
      orderBy: { userId: 'asc' },
    });
    expect([...(await orderCountsOfUsers(reader, userIds))].sort((a, b) => a.userId - b.userId)).toStrictEqual(
      counts.map((row) => ({ userId: row.userId, count: row._count._all })),
    );
  });

  it('order pages equal findMany with the same filter, newest first, after a cursor', async () => {
    const cutoff = (await db().order.findMany({ orderBy: [{ placedAt: 'desc' }, { id: 'desc' }], skip: 30, take: 1 }))[0]!;
    const filters: [OrdersFilter, Prisma.OrderWhereInput][] = [
      [{}, {}],
      [{ userId: 3 }, { userId: 3 }],
      [{ userId: -1 }, { userId: -1 }],
      [{ status: 'DELIVERED' }, { status: 'DELIVERED' }],
      [{ placedAfter: cutoff.placedAt }, { placedAt: { gte: cutoff.placedAt } }],
      [{ placedBefore: cutoff.placedAt }, { placedAt: { lt: cutoff.placedAt } }],
      [{ minTotal: new Prisma.Decimal('1000.5') }, { totalPrice: { gte: new Prisma.Decimal('1000.5') } }],
      [
        {
          userId: 3,
          status: 'PAID',
          placedAfter: new Date('2025-06-01T00:00:00Z'),
          placedBefore: cutoff.placedAt,
          minTotal: new Prisma.Decimal('10'),
        },
        {
          userId: 3,
          status: 'PAID',
          placedAt: { gte: new Date('2025-06-01T00:00:00Z'), lt: cutoff.placedAt },
          totalPrice: { gte: new Prisma.Decimal('10') },
        },
      ],
    ];
    const orderBy: Prisma.OrderOrderByWithRelationInput[] = [{ placedAt: 'desc' }, { id: 'desc' }];
    for (const [filter, where] of filters) {
      const all = await db().order.findMany({ where, orderBy });
      expect(await ordersPage(reader, filter, undefined, 7), JSON.stringify(filter)).toStrictEqual(all.slice(0, 7));
      expect(await countOrders(reader, filter)).toBe(all.length);
      const cursor = all[3];
      if (!cursor) continue;
      const afterCursor = { OR: [{ placedAt: { lt: cursor.placedAt } }, { placedAt: cursor.placedAt, id: { lt: cursor.id } }] };
      expect(await ordersPage(reader, filter, cursor, 5)).toStrictEqual(
        await db().order.findMany({ where: { AND: [where, afterCursor] }, orderBy, take: 5 }),
      );
    }
  });

  it('first orders of each user equal one findMany per user, in user order', async () => {
    const userIds = [3, 4, 6, 999];
    const orderBy: Prisma.OrderOrderByWithRelationInput[] = [{ placedAt: 'desc' }, { id: 'desc' }];
    const before = (await db().order.findMany({ where: { userId: 3 }, orderBy, skip: 2, take: 1 }))[0]!;
    for (const cursor of [undefined, before]) {
      const afterCursor = cursor
        ? { OR: [{ placedAt: { lt: cursor.placedAt } }, { placedAt: cursor.placedAt, id: { lt: cursor.id } }] }
        : {};
      const expected = [];
      for (const userId of [...userIds].sort((a, b) => a - b)) {
        expected.push(...(await db().order.findMany({ where: { userId, ...afterCursor }, orderBy, take: 3 })));
      }
      expect(await ordersOfUsersPage(reader, userIds, cursor, 3)).toStrictEqual(expected);
    }
  });

  it('product pages equal findMany with the same filter and order, after a cursor, for every sort', async () => {
    const filters: [ProductsFilter, Prisma.ProductWhereInput][] = [
      [{}, {}],
      [{ search: 'a' }, { OR: [{ name: { contains: 'a', mode: 'insensitive' } }, { sku: { contains: 'a', mode: 'insensitive' } }] }],
      [{ search: '\\%' }, { OR: [{ name: { contains: '\\%', mode: 'insensitive' } }, { sku: { contains: '\\%', mode: 'insensitive' } }] }],
      [
        { search: 'R\\_S' },
        { OR: [{ name: { contains: 'R\\_S', mode: 'insensitive' } }, { sku: { contains: 'R\\_S', mode: 'insensitive' } }] },
      ],
      [
        { minPrice: new Prisma.Decimal('100'), maxPrice: new Prisma.Decimal('300.5') },
        { price: { gte: new Prisma.Decimal('100'), lte: new Prisma.Decimal('300.5') } },
      ],
      [{ inStock: true }, { stock: { gt: 0 } }],
      [{ inStock: false }, { stock: 0 }],
    ];
    const sorts: [ProductSortColumn, 'name' | 'price' | 'createdAt'][] = [
      ['name', 'name'],
      ['price', 'price'],
      ['created_at', 'createdAt'],
    ];
    for (const [filter, filterWhere] of filters) {
      const where = { ...filterWhere, deletedAt: null };
      expect(await countProducts(reader, filter)).toBe(await db().product.count({ where }));
      for (const [column, field] of sorts) {
        for (const direction of ['asc', 'desc'] as const) {
          const orderBy = [{ [field]: direction }, { id: direction }];
          const all = await db().product.findMany({ where, orderBy });
          const sort = { column, descending: direction === 'desc' };
          expect(await productsPage(reader, filter, sort, undefined, 6), `${JSON.stringify(filter)} ${column} ${direction}`).toStrictEqual(
            all.slice(0, 6),
          );
          const cursor = all[2];
          if (!cursor) continue;
          const key = field === 'price' ? cursor.price.toFixed(2) : cursor[field];
          const beyond = direction === 'asc' ? 'gt' : 'lt';
          const afterCursor = { OR: [{ [field]: { [beyond]: cursor[field] } }, { [field]: cursor[field], id: { [beyond]: cursor.id } }] };
          expect(await productsPage(reader, filter, sort, { key, id: cursor.id }, 6)).toStrictEqual(
            await db().product.findMany({ where: { AND: [where, afterCursor] }, orderBy, take: 6 }),
          );
        }
      }
    }
  });

  it('user pages equal findMany of live users in id order, after a cursor', async () => {
    const where = { deletedAt: null };
    expect(await usersPage(reader, 0, 4)).toStrictEqual(await db().user.findMany({ where, orderBy: { id: 'asc' }, take: 4 }));
    expect(await usersPage(reader, 4, 4)).toStrictEqual(
      await db().user.findMany({ where: { ...where, id: { gt: 4 } }, orderBy: { id: 'asc' }, take: 4 }),
    );
    expect(await countLiveUsers(reader)).toBe(await db().user.count({ where }));
  });
});

describe('the reader', () => {
  it('reads every shape of timestamp PostgreSQL prints as pg itself does', async () => {
    const reader = createReader(database.pool, { prepare: true });
    const shapes = [
      '2026-01-31 23:30:00',
      '2026-01-31 23:30:00.1',
      '2026-01-31 23:30:00.12',
      '2026-01-31 23:30:00.123',
      '2026-01-31 23:30:00.123456',
      '2000-02-29 12:00:00.5',
      '0099-12-31 00:00:00',
      '0999-01-01 00:00:00',
      '1970-01-01 00:00:00',
      'infinity',
      '-infinity',
      '0044-03-15 12:00:00 BC',
    ];
    for (const shape of shapes) {
      const [ours] = await reader.rows<{ at: Date }>(
        { name: 'timestamp_shape', text: "SELECT ($1::text || CASE WHEN $1 LIKE '%infinity' THEN '' ELSE '+00' END)::timestamptz AS at" },
        [shape],
      );
      const {
        rows: [pgs],
      } = await database.pool.query<{ at: Date }>(
        "SELECT ($1::text || CASE WHEN $1 LIKE '%infinity' THEN '' ELSE '+00' END)::timestamptz AS at",
        [shape],
      );
      expect(ours!.at, shape).toStrictEqual(pgs!.at);
    }
  });

  it('reads timestamps right in any session time zone, not only UTC', async () => {
    const paris = new pg.Pool({ connectionString: database.url, options: '-c TimeZone=Europe/Paris', max: 1 });
    try {
      const ids = [1, 2, 3, 5];
      expect(byId(await usersByIds(createReader(paris, { prepare: true }), ids))).toStrictEqual(
        await db().user.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } }),
      );
    } finally {
      await paris.end();
    }
  });

  it('sends statements unnamed from then on when a prepared statement has gone missing (as behind PgBouncer < 1.21)', async () => {
    const single = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      const reader = createReader(single, { prepare: true });
      const expected = await usersByIds(reader, [1]);
      // The server forgets the statement; pg still believes this connection has it.
      await single.query('DEALLOCATE ALL');
      expect(await usersByIds(reader, [1])).toStrictEqual(expected);
      expect(reader.preparing).toBe(false);
      expect(await usersByIds(reader, [1])).toStrictEqual(expected);
    } finally {
      await single.end();
    }
  });
});
