import type { Database } from '../../db/client';
import type { Transaction } from '../../db/transaction';
import { BadUserInputError } from '../errors';

let known: Promise<Set<string>> | undefined;

/**
 * A time zone PostgreSQL knows by name (pg_timezone_names, read once per process). Anything else,
 * offsets and SQL included, is refused: the value only ever reaches SQL as a parameter.
 * Inside a report, pass its transaction: a second connection could be the one the pool lacks.
 * @throws BAD_USER_INPUT (field: timeZone).
 */
export async function checkTimeZone(db: Database | Transaction, timeZone: string): Promise<string> {
  known ??= db.$queryRaw<{ name: string }[]>`SELECT name FROM pg_timezone_names`.then(
    (rows) => new Set(rows.map((row) => row.name)),
    (error: unknown) => {
      known = undefined;
      throw error;
    },
  );
  if (!(await known).has(timeZone))
    throw new BadUserInputError(`Unknown time zone "${timeZone.slice(0, 64)}"; use an IANA name such as Europe/Paris.`, 'timeZone');
  return timeZone;
}
