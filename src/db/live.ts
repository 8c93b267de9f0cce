/**
 * "Live": not soft-deleted. Users and products are never deleted (orders keep referring to them);
 * deleting one sets `deleted_at`, and everything that lists or looks them up asks this rule.
 * It lives at the lowest layer that states it (the prepared reads in src/db/reads), since imports
 * only flow downwards.
 */
import { Prisma } from '../generated/prisma';

/** The condition in SQL text, for the prepared reads' fixed statements (src/db/reads). */
export const LIVE_CONDITION = 'deleted_at IS NULL';

/** The same condition as a Prisma.sql fragment, for $queryRaw templates (a constant, never input). */
export const LIVE_SQL = Prisma.raw(LIVE_CONDITION);

/** The same condition as a Prisma `where` (users and products). */
export const live = { deletedAt: null } as const;

/** A row if it is live, else null. */
export const liveOrNull = <Row extends { deletedAt: Date | null }>(row: Row | null | undefined): Row | null =>
  row && !row.deletedAt ? row : null;
