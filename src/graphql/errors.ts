/**
 * One place where failures become `errors[].extensions.code`: typed service errors keep their
 * code, Prisma errors are mapped by code (never by message), query-limit rejections become
 * QUERY_TOO_COMPLEX, database outages SERVICE_UNAVAILABLE (src/db/unavailable.ts), and anything
 * else is an internal error, logged with its cause and masked in production.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { prismaCode } from '../db/errors';
import { isDatabaseUnavailable } from '../db/unavailable';
import { ServiceError, UnauthenticatedError } from '../services/errors';
import { SERVICE_UNAVAILABLE, serviceUnavailable, serviceUnavailableError } from './unavailable';

const PRISMA_CODES: Record<string, { code: string; message: string }> = {
  P2002: { code: 'CONFLICT', message: 'A record with this value already exists.' },
  P2003: { code: 'BAD_REFERENCE', message: 'A referenced record does not exist.' },
  P2025: { code: 'NOT_FOUND', message: 'Record not found.' },
};

/** Query-limit rejections from graphql-armor (see src/graphql/limits.ts). */
export const tooComplexErrors = new WeakSet<GraphQLError>();

/** Codes that clients may see as they are (Apollo's own and ours). */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
]);

/** A service error thrown while building the context (a bad token) as Apollo wants it. */
export function toContextError(error: unknown): unknown {
  if (error instanceof UnauthenticatedError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
  }
  if (isDatabaseUnavailable(error)) return serviceUnavailableError();
  return error;
}

export function formatError(production: boolean, log: (message: string, error: unknown) => void = console.error) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = { locations: formatted.locations, path: formatted.path };
    if (original instanceof ServiceError) {
      return { message: original.message, ...where, extensions: { ...original.extensions, code: original.code } };
    }
    if (isDatabaseUnavailable(original) || formatted.extensions?.code === SERVICE_UNAVAILABLE) return serviceUnavailable(where);
    const prisma = PRISMA_CODES[prismaCode(original) ?? ''];
    if (prisma) return { message: prisma.message, ...where, extensions: { code: prisma.code } };
    const cause = error instanceof GraphQLError ? error.originalError : undefined;
    if (cause instanceof GraphQLError && tooComplexErrors.has(cause)) {
      return { ...formatted, extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH.has(code)) return formatted;

    log('internal error:', original);
    if (production) return { message: 'Internal server error', ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
  };
}
