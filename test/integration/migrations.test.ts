import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { prismaCli, prismaCliEnvironment } from '../../prisma/toolchain/prisma-cli';
import { applyPendingMigrations, committedMigrations, pendingMigrations } from '../../src/db/migrations';
import { createDatabase } from '../support/database';

describe('migrations', () => {
  it('apply every committed migration to an empty database (the CLI runs only when one is pending)', async () => {
    const empty = await createDatabase({ migrated: false });
    const database = openDatabase(empty.url, 1);
    try {
      const committed = await committedMigrations();
      expect(committed.length).toBeGreaterThan(0);
      expect(await pendingMigrations(database.pool, committed)).toEqual(committed);

      await applyPendingMigrations(empty.url);

      expect(await pendingMigrations(database.pool, committed)).toEqual([]);
      const tables = await database.prisma.$queryRaw<{ table_name: string }[]>`
        SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
      expect(tables.map((row) => row.table_name)).toEqual(expect.arrayContaining(['order_items', 'orders', 'products', 'users']));
    } finally {
      await database.close();
      await empty.drop();
    }
  });

  it('agree with schema.prisma (migrate diff finds nothing to change)', async () => {
    const scratch = await createDatabase({ migrated: false });
    try {
      const args = [
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--exit-code',
      ];
      // --exit-code: 0 when they agree, 2 when schema.prisma has changes no migration holds.
      const { stdout } = await promisify(execFile)(process.execPath, [prismaCli, ...args], {
        env: prismaCliEnvironment(scratch.url),
      });
      expect(stdout).toContain('No difference detected');
    } finally {
      await scratch.drop();
    }
  });
});
