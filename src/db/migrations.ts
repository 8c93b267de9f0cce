import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Database } from './client';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const migrationsDir = path.join(root, 'prisma/migrations');
const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');

/** Environment for the Prisma CLI on `url`: see prisma.config.ts and unref-engine-timers.cjs. */
export function prismaCliEnvironment(url: string, directUrl = url): NodeJS.ProcessEnv {
  const preload = `--require=${path.join(root, 'src/db/unref-engine-timers.cjs')}`;
  return {
    ...process.env,
    DATABASE_URL: url,
    DIRECT_DATABASE_URL: directUrl,
    CHECKPOINT_DISABLE: '1',
    NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' '),
  };
}

/**
 * Applies pending committed migrations with `prisma migrate deploy` (the CLI's wasm schema
 * engine, see prisma.config.ts). Never creates new ones. Prisma's advisory lock makes it safe
 * when several instances start at once.
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
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

/** Committed migrations the database has not finished applying (all of them on an empty database). */
export async function pendingMigrations(db: Database, committed: string[]): Promise<string[]> {
  const [{ exists }] = await db.$queryRaw<[{ exists: boolean }]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`;
  if (!exists) return committed;
  const applied = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const done = new Set(applied.map((row) => row.migration_name));
  return committed.filter((name) => !done.has(name));
}
