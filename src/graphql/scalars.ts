import { GraphQLError, Kind } from 'graphql';
import { scalarType } from 'nexus';
import { Prisma } from '../generated/prisma';

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw badInput('DateTime must be an ISO 8601 date-time with a zone, e.g. 2026-01-31T23:30:00.000Z.');
  return date;
}

export const DateTime = scalarType({
  name: 'DateTime',
  asNexusMethod: 'dateTime',
  sourceType: 'Date',
  serialize: (value) => (value as Date).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DECIMAL = /^-?\d{1,20}(\.\d{1,20})?$/;

function parseDecimal(value: unknown): Prisma.Decimal {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text))
    throw badInput('Decimal must be a decimal number written as a string, e.g. "49.99".');
  return new Prisma.Decimal(text);
}

/** Money: exact, serialised as a string with two decimals ("49.90"). */
export const Decimal = scalarType({
  name: 'Decimal',
  asNexusMethod: 'decimal',
  // Written into src/generated/nexus-typegen.ts, hence the path relative to it.
  sourceType: 'import("./prisma").Prisma.Decimal',
  serialize: (value) => (value as Prisma.Decimal).toFixed(2),
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined),
});
