/**
 * The three revenue reports on a large seeded shop (BENCH_REPORT_ORDERS, default 1,000,000):
 * each through the HTTP API beside exactly the same SQL sent by pg directly, median of 5 runs,
 * as a ratio. Also checks that EXPLAIN of a one-month report has no sequential scan of order_items.
 * The seeded database is kept (order_bench_reports_<orders>) and reused by the next run.
 */
import pg from 'pg';
import { seedDemoData } from '../seed/seed';
import { DEFAULT_SEED_OPTIONS } from '../seed/generate';
import { ensureDatabase } from '../src/db/admin';
import { openDatabase } from '../src/db/client';
import { urlForDatabase } from '../src/db/connection-options';
import { scratchServer } from '../src/db/locate';
import { applyMigrations } from '../src/db/migrations';
import { Prisma } from '../src/generated/prisma';
import { createClient } from '../src/client';
import { signAccessToken } from '../src/graphql/auth';
import { createLogger } from '../src/logging/logger';
import { revenueByDaySql, revenueByMonthSql, topProductsSql } from '../src/services/reports';
import { startServer } from '../src/server';
import { BENCH_JWT_SECRET, printTable } from './support';

const ORDERS = Number(process.env.BENCH_REPORT_ORDERS ?? 1_000_000);
const RUNS = 5;

const server = await scratchServer('order-service-bench');
const name = `order_bench_reports_${ORDERS}`;
await ensureDatabase(server.url, name);
const url = urlForDatabase(server.url, name);
await applyMigrations(url);
const handle = openDatabase(url, 10);
const raw = new pg.Pool({ connectionString: url, max: 2 });

async function median(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm the cache
  const times: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

try {
  if ((await handle.prisma.order.count()) !== ORDERS) {
    const started = performance.now();
    await seedDemoData(handle.prisma, { ...DEFAULT_SEED_OPTIONS, users: ORDERS / 50, products: 2_000, orders: ORDERS }, console.log);
    console.log(`seeded ${ORDERS} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await raw.query('VACUUM ANALYZE');
  }
  const api = await startServer(
    { host: '127.0.0.1', port: 0, production: true, jwtSecret: BENCH_JWT_SECRET, reportTimeoutMs: 60_000, logger: createLogger('warn') },
    handle,
  );
  const token = await signAccessToken(BENCH_JWT_SECRET, 2); // the seeded analyst
  const client = createClient({ url: `${api.url}/graphql`, token });
  const viaApi = (query: string) => () => client.request(query); // rejects on any error
  const viaSql = (sql: Prisma.Sql) => async () => {
    await raw.query(sql.text, sql.values as unknown[]);
  };
  const month = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };
  const cases: [string, string, Prisma.Sql][] = [
    [
      'revenueByMonth(2026, Europe/Paris)',
      '{ revenueByMonth(year: 2026, timeZone: "Europe/Paris") { month revenue orderCount itemsSold } }',
      revenueByMonthSql(2026, 'Europe/Paris'),
    ],
    [
      'revenueByDay(one month, UTC)',
      '{ revenueByDay(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { day revenue orderCount } }',
      revenueByDaySql(month.from, month.to, 'UTC'),
    ],
    [
      'revenueByDay(400 days, UTC)',
      '{ revenueByDay(from: "2025-06-01T00:00:00Z", to: "2026-07-06T00:00:00Z") { day revenue } }',
      revenueByDaySql(new Date('2025-06-01T00:00:00Z'), new Date('2026-07-06T00:00:00Z'), 'UTC'),
    ],
    [
      'topProducts(one month, 10)',
      '{ topProducts(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { productName unitsSold revenue product { name } } }',
      topProductsSql(month.from, month.to, 10),
    ],
  ];
  const rows = [];
  for (const [label, query, sql] of cases) {
    const apiMs = await median(viaApi(query));
    const sqlMs = await median(viaSql(sql));
    rows.push([label, apiMs.toFixed(1), sqlMs.toFixed(1), (apiMs / sqlMs).toFixed(2)]);
  }
  printTable(`revenue reports on ${ORDERS} orders (median of ${RUNS})`, ['report', 'API ms', 'raw SQL ms', 'ratio'], rows);

  const plan = await raw.query(
    `EXPLAIN ${revenueByDaySql(month.from, month.to, 'UTC').text}`,
    revenueByDaySql(month.from, month.to, 'UTC').values as unknown[],
  );
  const text = plan.rows.map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n');
  const seqScan = /Seq Scan on order_items/.test(text);
  console.log(`\none-month revenueByDay plan: ${seqScan ? 'SEQUENTIAL SCAN of order_items' : 'no sequential scan of order_items'}`);
  await api.stop();
  if (seqScan) process.exitCode = 1;
} finally {
  await raw.end();
  await handle.close();
  await server.stop();
}
