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
import { logger } from '../logging/logger';
import { InsufficientStockError, ServiceError, UnauthenticatedError } from '../services/errors';
import { toGlobalId } from './global-id';
import { SERVICE_UNAVAILABLE, serviceUnavailable, serviceUnavailableError } from './unavailable';

const PRISMA_CODES: Record<string, { code: string; message: string }> = {
  P2002: { code: 'CONFLICT', message: 'A record with this value already exists.' },
  P2003: { code: 'BAD_REFERENCE', message: 'A referenced record does not exist.' },
  P2025: { code: 'NOT_FOUND', message: 'Record not found.' },
};

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
  'QUERY_TOO_COMPLEX',
]);

/** A validation rule's own code (QUERY_TOO_COMPLEX from a query limit), which Apollo replaced. */
function validationRuleCode(error: unknown): unknown {
  const cause = error instanceof GraphQLError ? error.originalError : undefined;
  return cause instanceof GraphQLError ? cause.extensions.code : undefined;
}

/**
 * Apollo's own refusals of a request that carry a 4xx status but no code (a persisted-query
 * hash that does not match its query, an unknown persisted-query version).
 */
function isUncodedClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/** A service error thrown while building the context (a bad token) as Apollo wants it. */
export function toContextError(error: unknown): unknown {
  if (error instanceof UnauthenticatedError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
  }
  if (isDatabaseUnavailable(error)) return serviceUnavailableError();
  return error;
}

/** Internal errors go to the log of the request they happened in (its requestId on the line). */
const logInternalError = (message: string, error: unknown) => logger().error({ err: error }, message);

/** A service error's extensions as clients see them: database ids as global IDs. */
function clientExtensions(error: ServiceError): Record<string, unknown> {
  if (error instanceof InsufficientStockError) return { ...error.extensions, productId: toGlobalId('Product', error.extensions.productId) };
  return error.extensions;
}

export function formatError(production: boolean, log: (message: string, error: unknown) => void = logInternalError) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = { locations: formatted.locations, path: formatted.path };
    if (original instanceof ServiceError) {
      return { message: original.message, ...where, extensions: { ...clientExtensions(original), code: original.code } };
    }
    if (isDatabaseUnavailable(original) || formatted.extensions?.code === SERVICE_UNAVAILABLE) return serviceUnavailable(where);
    const prisma = PRISMA_CODES[prismaCode(original) ?? ''];
    if (prisma) return { message: prisma.message, ...where, extensions: { code: prisma.code } };
    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && validationRuleCode(error) === 'QUERY_TOO_COMPLEX') {
      return { ...formatted, extensions: { ...formatted.extensions, code: 'QUERY_TOO_COMPLEX' } };
    }
    if (isUncodedClientError(error)) return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
    if (typeof code === 'string' && PASS_THROUGH.has(code)) return formatted;

    log('internal error', original);
    if (production) return { message: 'Internal server error', ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
  };
}
