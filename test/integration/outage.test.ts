/**
 * A database outage, as operators cause one: a PostgreSQL of this file's own (a throw-away
 * embedded cluster) stopped and started again under the running service. While it is down,
 * clients get SERVICE_UNAVAILABLE (503, Retry-After) and nothing else, wherever the request met
 * the outage; once it is back, full service without a restart; an idempotency key retried
 * through the outage places one order. And a request that gets no pooled connection within
 * DATABASE_POOL_TIMEOUT_MS is SERVICE_UNAVAILABLE too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { embeddedServer, type EmbeddedServer } from '../../src/db/embedded';
import { applyMigrations } from '../../src/db/migrations';
import { isDatabaseUnavailable } from '../../src/db/unavailable';
import { signAccessToken } from '../../src/graphql/auth';
import { placeOrder } from '../../src/services/checkout';
import { toGlobalId } from '../../src/graphql/global-id';
import { revenueByMonth } from '../../src/services/reports';
import { startServer, type RunningServer } from '../../src/server';
import { OrdersDocument, PlaceOrderDocument, RevenueByMonthDocument } from '../generated/graphql';
import { dataOf, useTestApi } from '../support/api';
import { TEST_JWT_SECRET, testServerConfig } from '../support/server';
import { pollUntil, untilLockWaiters } from '../support/conditions';
import { status } from '../support/http';
import { postOperation, type RawAnswer } from '../support/raw-http';
import { expectConsistentShop } from '../support/shop';

/** What every client sees of an outage: 503, Retry-After, and a message that names nothing inside. */
function expectServiceUnavailable(answer: RawAnswer<unknown>) {
  expect(answer.status, JSON.stringify(answer.errors)).toBe(503);
  expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  expect(answer.errors?.length).toBeGreaterThan(0);
  for (const error of answer.errors!) expect(error).toEqual(expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE' } }));
  expect(JSON.stringify(answer.errors)).not.toMatch(/pool|timeout|ECONN|terminat|at .*\.(ts|js)|stacktrace/i);
}

describe('a PostgreSQL restart under the running service', () => {
  let dataDir: string;
  let cluster: EmbeddedServer;
  let handle: DatabaseHandle;
  let observer: DatabaseHandle;
  let server: RunningServer;
  let tokens: { customer: string; analyst: string };
  let product: { id: number; globalId: string };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'order-service-outage-'));
    cluster = await embeddedServer({ dataDir, persistent: true });
    await cluster.start();
    await applyMigrations(cluster.url);
    handle = openDatabase(cluster.url, 8, 1_000);
    observer = openDatabase(cluster.url, 2); // the test's own connections: locks and lookups
    const customer = await handle.prisma.user.create({ data: { email: 'carol@example.com', name: 'Carol' } });
    const analyst = await handle.prisma.user.create({ data: { email: 'ann@example.com', name: 'Ann', role: 'ANALYST' } });
    const row = await handle.prisma.product.create({ data: { sku: 'OUTAGE-1', name: 'Outage', price: '2.00', stock: 100_000 } });
    product = { id: row.id, globalId: toGlobalId('Product', row.id) };
    tokens = { customer: await signAccessToken(TEST_JWT_SECRET, customer.id), analyst: await signAccessToken(TEST_JWT_SECRET, analyst.id) };
    server = await startServer(testServerConfig(), handle);
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all([handle?.close(), observer?.close()]);
    await cluster?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const order = (key: string) =>
    postOperation(
      server.url,
      PlaceOrderDocument,
      { input: { items: [{ productId: product.globalId, quantity: 1 }], idempotencyKey: key } },
      { token: tokens.customer },
    );

  it(
    'is SERVICE_UNAVAILABLE inside placeOrder, a report and a loader, and at the token lookup; /readyz says 503 until it is back',
    { timeout: 90_000 },
    async () => {
      dataOf(await order('before')); // one order, so that the list below has lines to load
      // Hold the locks that park each request where we want the outage to meet it.
      const lock = await observer.pool.connect();
      await lock.query('BEGIN');
      await lock.query('SELECT 1 FROM products WHERE id = $1 FOR UPDATE', [product.id]);
      await lock.query('LOCK TABLE order_items IN ACCESS EXCLUSIVE MODE');
      const parked = [
        order('parked'), // inside placeOrder's statement, waiting for the product's row
        postOperation(
          server.url,
          RevenueByMonthDocument,
          { year: new Date().getUTCFullYear(), timeZone: 'UTC' },
          { token: tokens.analyst },
        ),
        postOperation(server.url, OrdersDocument, { first: 5 }, { token: tokens.customer }), // in the items loader
      ];
      await untilLockWaiters(observer.prisma, parked.length);
      await cluster.stop();
      lock.release();
      try {
        for (const answer of await Promise.all(parked)) expectServiceUnavailable(answer);
        expectServiceUnavailable(await order('while-down')); // the token's user cannot be looked up
        expect(await status(`${server.url}/readyz`)).toBe(503);
        expect(await status(`${server.url}/healthz`)).toBe(200);
      } finally {
        await cluster.start();
      }
      await pollUntil('/readyz says 200', async () => (await status(`${server.url}/readyz`)) === 200);
      dataOf(await order('after'));
      // The parked order was rolled back with its connection: retrying its key places it once.
      dataOf(await order('parked'));
      const keys = await observer.prisma.order.findMany({ where: { idempotencyKey: { in: ['before', 'parked', 'while-down', 'after'] } } });
      expect(keys.map((row) => row.idempotencyKey).sort()).toEqual(['after', 'before', 'parked']);
      // The transactions whose connections died gave those connections back: nothing is checked out.
      expect(handle.pool.totalCount - handle.pool.idleCount).toBe(0);
    },
  );

  it(
    'serves a stream of keyed placeOrder through a stop and a start: only 503 while down, full service after, one order per key',
    { timeout: 90_000 },
    async () => {
      const WORKERS = 4;
      const results = { placed: new Map<string, string>(), unavailable: 0, unexpected: [] as string[], placedAfterRestart: 0 };
      let phase: 'up' | 'down' | 'back' | 'done' = 'up';
      const done = () => phase === 'done'; // read through a call: the workers run while it changes
      let progress = () => {};
      const changed = () => new Promise<void>((resolve) => (progress = resolve));
      const worker = async (id: number) => {
        for (let index = 0; !done(); index += 1) {
          const key = `stream-${id}-${index}`;
          // A client's retry loop: the same key until an order comes back.
          for (;;) {
            const answer = await order(key);
            if (answer.status === 200 && answer.data?.placeOrder) {
              results.placed.set(key, answer.data.placeOrder.id);
              if (phase === 'back') results.placedAfterRestart += 1;
              break;
            }
            if (answer.status === 503 && answer.headers['retry-after'] && answer.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE') {
              results.unavailable += 1;
            } else {
              results.unexpected.push(`${answer.status} ${JSON.stringify(answer.errors)}`);
            }
            progress();
            if (done()) return;
          }
          progress();
        }
      };
      const until = async (condition: () => boolean) => {
        while (!condition()) {
          expect(results.unexpected).toEqual([]);
          await changed();
        }
      };
      const workers = Promise.all(Array.from({ length: WORKERS }, (_, id) => worker(id)));
      let firstOrderAfterMs: number, readyAfterMs: number;
      try {
        await until(() => results.placed.size >= 8);
        phase = 'down';
        await cluster.stop();
        const unavailableBefore = results.unavailable;
        await until(() => results.unavailable >= unavailableBefore + 2 * WORKERS);
        expect(await status(`${server.url}/readyz`)).toBe(503);
        await cluster.start();
        const back = performance.now();
        phase = 'back';
        await until(() => results.placedAfterRestart >= 1);
        firstOrderAfterMs = performance.now() - back;
        await pollUntil('/readyz says 200', async () => (await status(`${server.url}/readyz`)) === 200);
        readyAfterMs = performance.now() - back;
        await until(() => results.placedAfterRestart >= 8);
      } finally {
        phase = 'done';
        await workers;
      }
      console.log(
        `outage: ${results.unavailable} answers were 503; first order ${Math.round(firstOrderAfterMs)} ms and /readyz 200 ` +
          `${Math.round(readyAfterMs)} ms after PostgreSQL accepted connections again; ${results.placed.size} keys placed`,
      );

      expect(results.unexpected).toEqual([]);
      const rows = await observer.prisma.order.findMany({
        where: { idempotencyKey: { startsWith: 'stream-' } },
        select: { id: true, idempotencyKey: true },
      });
      expect(new Map(rows.map((row) => [row.idempotencyKey!, toGlobalId('Order', row.id)]))).toEqual(results.placed);
      const orders = await observer.prisma.order.count();
      const { stock } = await observer.prisma.product.findUniqueOrThrow({ where: { id: product.id } });
      expect(stock).toBe(100_000 - orders); // every order took one unit, and no rolled-back one did
      await expectConsistentShop(observer.prisma);
    },
  );
});

describe('a request that gets no pooled connection in time', () => {
  const api = useTestApi({ poolSize: 2, poolTimeoutMs: 200 });

  it('is SERVICE_UNAVAILABLE, in the token lookup, in placeOrder and in a report', async () => {
    const alice = await api.db.user.findUniqueOrThrow({ where: { email: 'alice@example.com' } });
    const someProduct = await api.db.product.findFirstOrThrow({ where: { deletedAt: null, stock: { gt: 0 } } });
    const input = { items: [{ productId: toGlobalId('Product', someProduct.id), quantity: 1 }], idempotencyKey: 'pool-timeout' };
    // The test holds both of the service's connections, so every checkout must time out.
    const held = [await api.handle.pool.connect(), await api.handle.pool.connect()];
    try {
      expectServiceUnavailable(await postOperation(api.url, PlaceOrderDocument, { input }, { token: api.tokens.alice }));
      const inTransaction = await placeOrder(
        api.db,
        { userId: alice.id, role: 'CUSTOMER' },
        { ...input, items: [{ productId: someProduct.id, quantity: 1 }] },
      ).catch((error: unknown) => error);
      expect(isDatabaseUnavailable(inTransaction)).toBe(true);
      const report = await revenueByMonth(api.db, { userId: 2, role: 'ANALYST' }, { year: 2026, timeZone: 'UTC' }, 1_000).catch(
        (error: unknown) => error,
      );
      expect(isDatabaseUnavailable(report)).toBe(true);
    } finally {
      for (const client of held) client.release();
    }
    dataOf(await postOperation(api.url, PlaceOrderDocument, { input }, { token: api.tokens.alice }));
  });
});
