/**
 * Relay cursor pagination on keysets: a page is the rows after (sort key, id) of the cursor,
 * never an OFFSET, so pages stay fast and stable while rows are added.
 */
import { BadUserInputError } from './errors';
import { isStorableText } from './validation';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageSlice<T> {
  nodes: T[];
  hasNextPage: boolean;
  /** Cursor of each node, in order. */
  cursors: string[];
}

export interface Page<T> extends PageSlice<T> {
  /** Counts every row the filter matches (ignoring the cursor); runs only when asked for. */
  totalCount: () => Promise<number>;
}

/** A decoded cursor: which ordering it belongs to, the sort key value, and the row id. */
export interface Cursor {
  order: string;
  key: string | number | null;
  id: number;
}

/**
 * The page size asked for, `fallback` when none.
 * @throws BAD_USER_INPUT (field: first) outside 0-MAX_PAGE_SIZE.
 */
export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be from 0 to ${MAX_PAGE_SIZE}.`, 'first');
  }
  return size;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.order, cursor.key, cursor.id])).toString('base64url');
}

/**
 * Decodes `after`, a cursor of the list ordered by `order`.
 * @throws BAD_USER_INPUT (field: after) for a cursor from another list or ordering, or a forged one.
 */
export function decodeCursor(after: string | null | undefined, order: string): Cursor | undefined {
  if (after === null || after === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3) {
      const [cursorOrder, key, id] = parsed as [unknown, unknown, unknown];
      const keyValid = key === null || typeof key === 'string' || typeof key === 'number';
      if (cursorOrder === order && keyValid && Number.isSafeInteger(id)) return { order, key: key as Cursor['key'], id: id as number };
    }
  } catch {
    // fall through: not one of our cursors
  }
  throw foreignCursor();
}

/**
 * Builds a page from rows fetched with `take: size + 1`: the extra row only says that there is
 * a next page.
 */
export function toPage<T extends { id: number }>(rows: T[], size: number, order: string, keyOf: (row: T) => Cursor['key']): PageSlice<T> {
  const nodes = rows.slice(0, size);
  return {
    nodes,
    hasNextPage: rows.length > size,
    cursors: nodes.map((row) => encodeCursor({ order, key: keyOf(row), id: row.id })),
  };
}

/** Runs `count` the first time it is asked for, never when the client did not select totalCount. */
export function lazyCount(count: () => Promise<number>): () => Promise<number> {
  let counted: Promise<number> | undefined;
  return () => (counted ??= count());
}

const foreignCursor = () => new BadUserInputError('after is not a cursor of this list.', 'after');

/**
 * A cursor's sort key as a date.
 * @throws BAD_USER_INPUT (a forged cursor: never a database error).
 */
export function cursorDate(key: Cursor['key']): Date {
  const date = typeof key === 'string' ? new Date(key) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw foreignCursor();
  return date;
}

/**
 * A cursor's sort key as a decimal string.
 * @throws BAD_USER_INPUT (a forged cursor).
 */
export function cursorDecimal(key: Cursor['key']): string {
  if (typeof key !== 'string' || !/^-?\d{1,20}(\.\d{1,20})?$/.test(key)) throw foreignCursor();
  return key;
}

/**
 * A cursor's sort key as text (one PostgreSQL can compare: no NUL).
 * @throws BAD_USER_INPUT (a forged cursor).
 */
export function cursorText(key: Cursor['key']): string {
  if (typeof key !== 'string' || !isStorableText(key)) throw foreignCursor();
  return key;
}
