/**
 * npm run seed -- [--users N] [--products N] [--orders N] [--seed S] [--end ISO-DATE]
 * Replaces the demo data of DATABASE_URL (or of the embedded database) with a deterministic set.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { runCommand } from '../src/cli/command';
import { withDatabase } from '../src/db/connect';
import { DEFAULT_SEED_OPTIONS, type SeedOptions } from './generate';
import { seedDemoData } from './seed';

function count(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new Error(`--${name} must be an integer from 0 to ${max}`);
  return value;
}

export function parseSeedArgs(args: string[]): SeedOptions {
  const { values } = parseArgs({
    args,
    options: {
      users: { type: 'string' },
      products: { type: 'string' },
      orders: { type: 'string' },
      seed: { type: 'string' },
      end: { type: 'string' },
    },
    strict: true,
  });
  const end = values.end === undefined ? DEFAULT_SEED_OPTIONS.end : new Date(values.end);
  if (Number.isNaN(end.getTime())) throw new Error('--end must be an ISO date, e.g. 2026-11-01');
  return {
    users: count('users', values.users, DEFAULT_SEED_OPTIONS.users, 1_000_000),
    products: count('products', values.products, DEFAULT_SEED_OPTIONS.products, 1_000_000),
    orders: count('orders', values.orders, DEFAULT_SEED_OPTIONS.orders, 10_000_000),
    seed: count('seed', values.seed, DEFAULT_SEED_OPTIONS.seed, 2 ** 31 - 1),
    end,
  };
}

async function main() {
  const options = parseSeedArgs(process.argv.slice(2));
  await withDatabase(loadConfig(), {}, async (database) => {
    const started = performance.now();
    const data = await seedDemoData(database.prisma, options, (message) => console.log(message));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `seeded ${data.users.length} users, ${data.products.length} products, ${data.orders.length} orders, ` +
        `${data.items.length} order lines in ${seconds} s`,
    );
  });
}

runCommand(main);
