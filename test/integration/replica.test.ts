/**
 * DATABASE_REPLICA_URL: the revenue reports read a real streaming standby (a throw-away primary
 * and a `pg_basebackup -R` standby of it, started here); checkout, lists and lookups stay on the
 * primary. Pausing the standby's replay makes the routing visible: a new paid order is in the
 * primary's lookups at once and in the report only once the standby has replayed it.
 * The service runs as `npm start` runs it, with DATABASE_POOL_SIZE=1 for both pools.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/seed';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { createDatabase } from '../../src/db/admin';
import { applyMigrations } from '../../src/db/migrations';
import { signAccessToken } from '../../src/graphql/auth';
import { toGlobalId } from '../../src/graphql/global-id';
import { revenueByDay } from '../../src/services/reports';
import { OrderDocument, PlaceOrderDocument, RevenueByDayDocument, UpdateOrderStatusDocument } from '../generated/graphql';
import { dataOf, SMALL_SHOP } from '../support/api';
import { TEST_JWT_SECRET } from '../support/server';
import { postgresBin, startCluster, type Cluster } from '../support/cluster';
import { execute } from '../support/http';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

const DAY_MS = 86_400_000;
const MAX_REPLAY_WAIT_MS = 20_000;

let primary: Cluster;
let standby: Cluster;
let primaryDb: DatabaseHandle;
let standbySql: pg.Client;
let service: ServiceProcess;
let tokens: { admin: string; analyst: string; alice: string };
let productId: string;

/** Waits until the standby has replayed everything the primary has written; returns how long that took. */
async function waitForReplay(): Promise<number> {
  const [{ lsn }] = await primaryDb.prisma.$queryRaw<[{ lsn: string }]>`SELECT pg_current_wal_lsn()::text AS lsn`;
  const started = performance.now();
  for (;;) {
    const { rows } = await standbySql.query<{ done: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
    if (rows[0]!.done) return performance.now() - started;
    if (performance.now() - started > MAX_REPLAY_WAIT_MS) throw new Error(`the standby did not replay ${lsn}`);
  }
}

const window = () => ({ from: new Date(Date.now() - DAY_MS).toISOString(), to: new Date(Date.now() + DAY_MS).toISOString() });
const reportViaApi = async (range: { from: string; to: string }) =>
  dataOf(await execute(service.url, RevenueByDayDocument, { ...range, timeZone: 'Europe/Paris' }, { token: tokens.analyst })).revenueByDay;
const reportOnPrimary = async (range: { from: string; to: string }) =>
  (
    await revenueByDay(
      primaryDb.prisma,
      { userId: 2, role: 'ANALYST' },
      { from: new Date(range.from), to: new Date(range.to), timeZone: 'Europe/Paris' },
      10_000,
    )
  ).map((row) => ({ day: row.day, revenue: row.revenue.toFixed(2), orderCount: row.orderCount }));

async function placePaidOrder(quantity: number): Promise<string> {
  const order = dataOf(
    await execute(service.url, PlaceOrderDocument, { input: { items: [{ productId, quantity }] } }, { token: tokens.alice }),
  ).placeOrder;
  dataOf(await execute(service.url, UpdateOrderStatusDocument, { id: order.id, status: 'PAID' }, { token: tokens.admin }));
  return order.id;
}

describe.runIf(postgresBin)('read replica for reports (a real streaming standby)', () => {
  beforeAll(async () => {
    primary = await startCluster();
    await createDatabase(primary.url(), 'shop');
    await applyMigrations(primary.url('shop'));
    primaryDb = openDatabase(primary.url('shop'), 2);
    await seedDemoData(primaryDb.prisma, SMALL_SHOP);
    const product = await primaryDb.prisma.product.create({ data: { sku: 'REPLICATED', name: 'Replicated', price: '7.00', stock: 1_000 } });
    productId = toGlobalId('Product', product.id);

    standby = await startCluster({ standbyOf: primary });
    standbySql = new pg.Client({ connectionString: standby.url('shop') });
    await standbySql.connect();
    tokens = {
      admin: await signAccessToken(TEST_JWT_SECRET, 1),
      analyst: await signAccessToken(TEST_JWT_SECRET, 2),
      alice: await signAccessToken(TEST_JWT_SECRET, 3),
    };
    service = await startServiceProcess(primary.url('shop'), { DATABASE_REPLICA_URL: standby.url('shop'), DATABASE_POOL_SIZE: '1' });
  }, 180_000);
  afterAll(async () => {
    await service?.stop();
    await standbySql?.end();
    await primaryDb?.close();
    await standby?.stop();
    await primary?.stop();
  });

  it('is a standby: it refuses writes', async () => {
    expect((await standbySql.query<{ recovery: boolean }>('SELECT pg_is_in_recovery() AS recovery')).rows[0]!.recovery).toBe(true);
    await expect(standbySql.query("UPDATE products SET name = 'x' WHERE sku = 'REPLICATED'")).rejects.toThrow(/read-only transaction/);
  });

  it('reports read the replica, while checkout, status moves and lookups stay on the primary', async () => {
    await waitForReplay();
    const range = window();
    const before = await reportViaApi(range);
    expect(before).toEqual(await reportOnPrimary(range));

    await standbySql.query('SELECT pg_wal_replay_pause()');
    try {
      // Writes succeed (the standby would refuse them) and lookups see them at once.
      const orderId = await placePaidOrder(3);
      expect(dataOf(await execute(service.url, OrderDocument, { id: orderId }, { token: tokens.alice })).order).toMatchObject({
        id: orderId,
        status: 'PAID',
      });
      // The report still shows the replica's state, not the primary's.
      const onPrimary = await reportOnPrimary(range);
      expect(onPrimary).not.toEqual(before);
      expect(await reportViaApi(range)).toEqual(before);
    } finally {
      await standbySql.query('SELECT pg_wal_replay_resume()');
    }
    await waitForReplay();
    expect(await reportViaApi(range)).toEqual(await reportOnPrimary(range));
  });

  it("shows the replica's pool and counts its statements in /metrics", async () => {
    const metric = async (pattern: RegExp) => Number(pattern.exec(await (await fetch(`${service.url}/metrics`)).text())?.[1]);
    const statements = /^sql_queries_total\{outcome="ok"\} (\d+)$/m;
    const before = await metric(statements);
    await reportViaApi(window());
    // One on the primary (the token's user); the report's transaction on the replica is several more.
    expect((await metric(statements)) - before).toBeGreaterThan(2);
    expect(await metric(/^db_replica_pool_connections\{state="open"\} (\d+)$/m)).toBe(1); // DATABASE_POOL_SIZE=1
    expect(await metric(/^db_pool_connections\{state="open"\} (\d+)$/m)).toBe(1);
  });

  it('shows a new paid order in the report once the standby has replayed it (lag measured)', async () => {
    const lags: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await placePaidOrder(1);
      lags.push(await waitForReplay());
      const range = window();
      expect(await reportViaApi(range)).toEqual(await reportOnPrimary(range));
    }
    lags.sort((a, b) => a - b);
    const [{ replay_lag }] = await primaryDb.prisma.$queryRaw<
      [{ replay_lag: string | null }]
    >`SELECT replay_lag::text FROM pg_stat_replication`;
    console.log(
      `replica: replayed ${lags.length} paid orders within ${lags[0]!.toFixed(1)}-${lags.at(-1)!.toFixed(1)} ms of the API's answer ` +
        `(median ${lags[5]!.toFixed(1)} ms); pg_stat_replication.replay_lag ${replay_lag ?? 'null'}`,
    );
  });
});
