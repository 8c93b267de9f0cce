import type { Database } from '../../src/db/client';

/**
 * Checks `condition` again and again (every `everyMs`) until it holds; fails after `timeoutMs`.
 * For states the test cannot be told about (a lock wait inside PostgreSQL, a server coming back).
 */
export async function pollUntil(what: string, condition: () => Promise<boolean> | boolean, { timeoutMs = 30_000, everyMs = 20 } = {}) {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Resolves once `count` sessions on this database wait for a lock (a request blocked where the test wants it). */
export async function untilLockWaiters(db: Database, count: number) {
  await pollUntil(`${count} sessions wait for a lock`, async () => {
    const [{ waiting }] = await db.$queryRaw<[{ waiting: number }]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    return waiting >= count;
  });
}
