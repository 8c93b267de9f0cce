import type { PoolConfig } from 'pg';

/**
 * Splits a PostgreSQL URL into pg's separate connection fields.
 * Why not `connectionString`: given one, adapter-pg's shadow-database connection silently
 * reuses the main database (prisma/toolchain/README.md), and a database name is easier to swap.
 */
export function connectionOptions(url: string): PoolConfig {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new Error(`not a PostgreSQL URL: ${parsed.protocol}//${parsed.host}`);
  }
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(parsed.hostname) || parsed.searchParams.get('host') || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
    ssl: sslmode && sslmode !== 'disable' ? { rejectUnauthorized: sslmode === 'verify-full' } : undefined,
  };
}

/** The same server's URL with another database name. */
export function urlForDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
