/**
 * npm run bench:reports: the three revenue reports on a large seeded shop (BENCH_REPORT_ORDERS,
 * default 1,000,000). The service runs as a process of its own (from source, NODE_ENV=production);
 * this process asks it each report over HTTP and sends exactly the same SQL to PostgreSQL with pg,
 * median of 5 runs each, and prints the ratio. Also checks that EXPLAIN of a one-month report has
 * no sequential scan of order_items. The seeded database (order_bench_reports_<orders>) is kept
 * and reused by the next run.
 */
import pg from 'pg';
import { createClient } from '../src/client';
import { scratchServer } from '../src/db/locate';
import type { Prisma } from '../src/generated/prisma';
import { signAccessToken } from '../src/graphql/auth';
import { projectRoot } from '../src/project-root';
import { revenueByDaySql, revenueByMonthSql, topProductsSql } from '../src/services/reports';
import { readDatabase } from './databases';
import { serviceCommand, startServer } from './processes';
import { BENCH_JWT_SECRET, median, printTable } from './support';

const ORDERS = Number(process.env.BENCH_REPORT_ORDERS ?? 1_000_000);
const RUNS = 5;

/** Milliseconds of each of RUNS runs of `run`, after one to warm the caches. */
async function timings(run: () => Promise<unknown>): Promise<number[]> {
  await run();
  const times: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

const server = await scratchServer('order-service-bench');
const url = await readDatabase(server, ORDERS, console.log, { products: 2_000, name: `order_bench_reports_${ORDERS}` });
const raw = new pg.Pool({ connectionString: url, max: 2 });
const service = await startServer(
  serviceCommand('node --import tsx src/main.ts', projectRoot, url, [], { REPORT_TIMEOUT_MS: '60000', LOG_LEVEL: 'warn' }),
  '/healthz',
);
try {
  const token = await signAccessToken(BENCH_JWT_SECRET, 2); // the seeded analyst
  const client = createClient({ url: `${service.url}/graphql`, token });
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
    const apiMs = median(await timings(viaApi(query)));
    const sqlMs = median(await timings(viaSql(sql)));
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
  if (seqScan) process.exitCode = 1;
} finally {
  await service.stop();
  await raw.end();
  await server.stop();
}
