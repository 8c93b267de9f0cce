/**
 * npm run report -- <report> [flags] [--format table|csv|json]
 *   revenue-by-month --year 2026 [--tz Europe/Paris]
 *   revenue-by-day   --from 2026-01-01T00:00:00Z --to 2026-02-01T00:00:00Z [--tz Europe/Paris]
 *   top-products     --from ... --to ... [--limit 10]
 * Prints the same numbers as the API, from the same service functions.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { withDatabase } from '../db/connect';
import { revenueByDay, revenueByMonth, topProducts } from '../services/reports';
import type { Viewer } from '../services/viewer';
import { runCommand } from './command';

type Row = Record<string, string | number>;

// The terminal user already holds the database credentials: they read reports as an analyst.
const OPERATOR: Viewer = { userId: 0, role: 'ANALYST' };

function format(rows: Row[], as: string): string {
  if (as === 'json') return JSON.stringify(rows, null, 2);
  const header = Object.keys(rows[0] ?? {});
  if (as === 'csv') {
    const cell = (value: string | number) => (/[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
    return [header.join(','), ...rows.map((row) => header.map((key) => cell(row[key]!)).join(','))].join('\n');
  }
  if (rows.length === 0) return '(no rows)';
  const widths = header.map((key) => Math.max(key.length, ...rows.map((row) => String(row[key]).length)));
  const line = (cells: (string | number)[]) => cells.map((value, index) => String(value).padEnd(widths[index]!)).join('  ');
  return [line(header), ...rows.map((row) => line(header.map((key) => row[key]!)))].join('\n');
}

function date(value: string | undefined, flag: string): Date {
  const parsed = value ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) throw new Error(`--${flag} must be an ISO date, e.g. 2026-01-01T00:00:00Z`);
  return parsed;
}

async function main() {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      year: { type: 'string' },
      tz: { type: 'string', default: 'UTC' },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string', default: '10' },
      format: { type: 'string', default: 'table' },
    },
  });
  if (!['table', 'csv', 'json'].includes(values.format)) throw new Error('--format is table, csv or json');
  const config = loadConfig();
  const timeout = config.reportTimeoutMs;
  await withDatabase(config, { migrate: false }, async (database) => {
    const db = database.reports; // the read replica when DATABASE_REPLICA_URL is set
    let rows: Row[];
    switch (positionals[0]) {
      case 'revenue-by-month':
        rows = (await revenueByMonth(db, OPERATOR, { year: Number(values.year), timeZone: values.tz }, timeout)).map((row) => ({
          ...row,
          revenue: row.revenue.toFixed(2),
        }));
        break;
      case 'revenue-by-day':
        rows = (
          await revenueByDay(db, OPERATOR, { from: date(values.from, 'from'), to: date(values.to, 'to'), timeZone: values.tz }, timeout)
        ).map((row) => ({ ...row, revenue: row.revenue.toFixed(2) }));
        break;
      case 'top-products':
        rows = (
          await topProducts(
            db,
            OPERATOR,
            { from: date(values.from, 'from'), to: date(values.to, 'to'), limit: Number(values.limit) },
            timeout,
          )
        ).map(({ productName, unitsSold, revenue }) => ({ productName, unitsSold, revenue: revenue.toFixed(2) }));
        break;
      default:
        throw new Error('usage: npm run report -- revenue-by-month|revenue-by-day|top-products [flags] [--format table|csv|json]');
    }
    console.log(format(rows, values.format));
  });
}

runCommand(main);
