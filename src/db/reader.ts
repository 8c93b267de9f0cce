/**
 * The hot read path: SQL sent by `pg` on the pool the Prisma adapter holds, as named prepared
 * statements that PostgreSQL parses and plans once per connection. Why not Prisma here: Prisma
 * 6.19's Rust-free client compiles every query on every call (0.6-3.7 ms of CPU for what pg sends
 * in 0.2-0.5 ms), and these reads run several times per request. Prisma stays the source of
 * truth: the rows come back as the generated model types (test/integration/reads.test.ts pins each
 * statement to the Prisma query it replaces), and writes and transactions stay with Prisma.
 *
 * Behind a transaction pooler that cannot keep prepared statements (PgBouncer before 1.21: a
 * statement prepared on one server connection is missing on the next), `?pgbouncer=true` on
 * DATABASE_URL (Prisma's own flag) sends the same SQL unnamed: parsed and planned every time.
 * Without the flag, the first "prepared statement does not exist / already exists" error switches
 * the process to unnamed statements for good and retries the read.
 */
import pg from 'pg';
import { Prisma } from '../generated/prisma';
import { logger } from '../logging/logger';

/** SQL whose text never changes: values only ever travel as parameters ($1, $2, ...). */
export interface Statement {
  /** Unique per text: PostgreSQL keeps the parsed statement under this name, per connection. */
  name: string;
  text: string;
}

export interface Reader {
  /** The rows of a read-only statement: numeric columns as Prisma.Decimal, timestamps as Date. */
  rows<Row>(statement: Statement, values: unknown[]): Promise<Row[]>;
  /** False once the reader sends unnamed statements (a transaction pooler). */
  readonly preparing: boolean;
}

const NUMERIC = 1700;
const TIMESTAMPTZ = 1184;
const INVALID_SQL_STATEMENT_NAME = '26000';
const DUPLICATE_PREPARED_STATEMENT = '42P05';

const parsePgTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => Date;
const SPACE = 32;
const DOT = 46;
const ZERO = 48;
const twoDigits = (text: string, at: number) => (text.charCodeAt(at) - ZERO) * 10 + text.charCodeAt(at + 1) - ZERO;

/**
 * A timestamptz as a Date. PostgreSQL's output in UTC, the usual session time zone
 * ('2026-01-31 23:30:00.123+00'), is read digit by digit (twice as fast as building an ISO
 * string for Date to parse, several times pg's general parser: this runs for every timestamp of every
 * row); any other shape (another zone, a year before 1000, BC, infinity) goes to pg's parser.
 */
function parseTimestamptz(text: string): Date {
  // Years 1000-9999 only: Date.UTC reads a year below 100 as 19xx.
  if (text.length < 22 || text.charCodeAt(0) === ZERO || text.charCodeAt(10) !== SPACE || !text.endsWith('+00'))
    return parsePgTimestamptz(text);
  let milliseconds = 0;
  if (text.charCodeAt(19) === DOT) {
    const end = text.length - 3;
    let digits = 0;
    for (let at = 20; at < end && digits < 3; at += 1, digits += 1) milliseconds = milliseconds * 10 + text.charCodeAt(at) - ZERO;
    for (; digits < 3; digits += 1) milliseconds *= 10;
  }
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  return new Date(
    Date.UTC(year, twoDigits(text, 5) - 1, twoDigits(text, 8), twoDigits(text, 11), twoDigits(text, 14), twoDigits(text, 17), milliseconds),
  );
}

/** pg's own parsers, but `numeric` as Prisma.Decimal (exact, as Prisma returns it). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === NUMERIC) return (value: string) => new Prisma.Decimal(value);
    if (oid === TIMESTAMPTZ) return parseTimestamptz;
    return pg.types.getTypeParser(oid, format);
  },
};

/** Whether a PostgreSQL URL says that it points at PgBouncer (Prisma's `pgbouncer=true`). */
export function viaTransactionPooler(url: string): boolean {
  return new URL(url).searchParams.get('pgbouncer') === 'true';
}

export function createReader(pool: pg.Pool, options: { prepare: boolean }): Reader {
  let prepare = options.prepare;
  const run = <Row>(statement: Statement, values: unknown[], named: boolean) =>
    pool.query<Row & pg.QueryResultRow>({ ...(named ? { name: statement.name } : {}), text: statement.text, values, types });
  return {
    get preparing() {
      return prepare;
    },
    async rows<Row>(statement: Statement, values: unknown[]): Promise<Row[]> {
      const named = prepare;
      try {
        return (await run<Row>(statement, values, named)).rows;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!named || (code !== INVALID_SQL_STATEMENT_NAME && code !== DUPLICATE_PREPARED_STATEMENT)) throw error;
        if (prepare) {
          prepare = false;
          logger().warn(
            'database: prepared statements do not survive here (a transaction pooler?); sending them unnamed from now on. Add ?pgbouncer=true to DATABASE_URL to say so.',
          );
        }
        return (await run<Row>(statement, values, false)).rows;
      }
    },
  };
}
