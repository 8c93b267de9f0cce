import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { withClient } from './admin';
import { projectRoot as root } from '../project-root';
import { prismaCli, prismaCliEnvironment } from '../../prisma/toolchain/prisma-cli';

const migrationsDir = path.join(root, 'prisma/migrations');

/**
 * Applies pending committed migrations with `prisma migrate deploy` (the CLI's wasm schema
 * engine, see prisma/toolchain/README.md). Never creates new ones. Prisma's advisory lock makes
 * it safe when several instances start at once.
 */
export async function applyMigrations(directUrl: string): Promise<void> {
  await promisify(execFile)(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    cwd: root,
    env: prismaCliEnvironment(directUrl),
  });
}

/** Names of the committed migrations, oldest first. */
export async function committedMigrations(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Committed migrations the database has not finished applying (all of them on an empty database). */
export async function pendingMigrations(db: Pick<pg.Pool, 'query'>, committed: string[]): Promise<string[]> {
  const {
    rows: [table],
  } = await db.query<{ exists: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists");
  if (!table?.exists) return committed;
  const { rows: applied } = await db.query<{ migration_name: string }>(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const done = new Set(applied.map((row) => row.migration_name));
  return committed.filter((name) => !done.has(name));
}

/**
 * Runs `prisma migrate deploy` only when `_prisma_migrations` lacks a committed migration: the
 * CLI takes about a second to start, and most starts have nothing to apply.
 */
export async function applyPendingMigrations(directUrl: string): Promise<void> {
  const committed = await committedMigrations();
  const pending = await withClient(directUrl, (client) => pendingMigrations(client, committed));
  if (pending.length > 0) await applyMigrations(directUrl);
}
