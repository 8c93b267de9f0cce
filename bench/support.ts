import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { withDatabase } from '../src/db/connection-options';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { applyMigrations } from '../src/db/migrations';

/**
 * A fresh, migrated database for one benchmark: on DATABASE_URL's server when given, else on a
 * throw-away embedded PostgreSQL. `drop()` removes it (and stops the embedded server).
 */
export async function benchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const server = process.env.DATABASE_URL
    ? { url: withDatabase(process.env.DATABASE_URL, 'postgres'), stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir: path.join(tmpdir(), `order-service-bench-${process.pid}`), persistent: false });
  const database = `order_bench_${name}_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${database}`);
  const url = withDatabase(server.url, database);
  await applyMigrations(url);
  return {
    url,
    async drop() {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await server.stop();
    },
  };
}

/** Runs `clients` loops of `task` until `total` tasks are done; returns tasks per second. */
export async function throughput(clients: number, total: number, task: (client: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < total) {
        next += 1;
        await task(client);
      }
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

export function printTable(title: string, header: string[], rows: (string | number)[][]) {
  console.log(`\n${title}`);
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => String(row[index]).length)));
  const line = (cells: (string | number)[]) => cells.map((cell, index) => String(cell).padStart(widths[index]!)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
