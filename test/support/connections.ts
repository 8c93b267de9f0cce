import pg from 'pg';

const SAMPLE_INTERVAL_MS = 10;

/**
 * Counts, every 10 ms until `during` settles, the client connections PostgreSQL has open to
 * `database` (optionally only those with an application_name), from a connection to another
 * database of the same server. Returns the most seen at once and how many samples were taken.
 */
export async function sampleConnections<T>(
  adminUrl: string,
  database: string,
  during: Promise<T>,
  applicationName?: string,
): Promise<{ result: T; max: number; samples: number }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let settled = false;
  const finished = during.finally(() => void (settled = true));
  let max = 0;
  let samples = 0;
  try {
    do {
      const { rows } = await admin.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM pg_stat_activity
         WHERE datname = $1 AND backend_type = 'client backend' AND ($2::text IS NULL OR application_name = $2)`,
        [database, applicationName ?? null],
      );
      max = Math.max(max, rows[0]!.count);
      samples += 1;
      // A sample every 10 ms or so: connections live far longer than that (pools keep them).
      if (!settled) await new Promise((resolve) => setTimeout(resolve, SAMPLE_INTERVAL_MS));
    } while (!settled);
    return { result: await finished, max, samples };
  } finally {
    await admin.end();
  }
}
