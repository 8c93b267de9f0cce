/** Every environment variable the service reads, parsed and validated once. */
import { LOG_LEVELS, type LogLevel } from './logging/logger';

export const DEVELOPMENT_JWT_SECRET = 'order-service-development-secret-do-not-use-in-production';

const MIN_PRODUCTION_SECRET = 32;

/** The largest DATABASE_POOL_TIMEOUT_MS accepted. */
export const MAX_POOL_TIMEOUT_MS = 60_000;

export interface Config {
  /** Undefined: start the embedded PostgreSQL under `.data/`. */
  databaseUrl: string | undefined;
  /** Migrations bypass a transaction pooler (PgBouncer): they need a session. */
  directDatabaseUrl: string | undefined;
  databasePoolSize: number;
  /** Longest wait for a pooled connection before the request fails with SERVICE_UNAVAILABLE. */
  databasePoolTimeoutMs: number;
  /** A read replica of databaseUrl: the revenue reports read from it, nothing else does. */
  databaseReplicaUrl: string | undefined;
  port: number;
  host: string;
  jwtSecret: string;
  production: boolean;
  /** Statement timeout for the analysts' reports. */
  reportTimeoutMs: number;
  /** Level of the JSON logs on stdout; `silent` turns them off. */
  logLevel: LogLevel;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function logLevel(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.LOG_LEVEL || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return raw as LogLevel;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET || DEVELOPMENT_JWT_SECRET;
  if (production && (jwtSecret === DEVELOPMENT_JWT_SECRET || jwtSecret.length < MIN_PRODUCTION_SECRET)) {
    // HS256 is only as strong as its key: ask for at least 256 bits' worth of characters.
    throw new ConfigError(`JWT_SECRET must be set to at least ${MIN_PRODUCTION_SECRET} characters when NODE_ENV=production`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    databaseUrl,
    directDatabaseUrl: env.DIRECT_DATABASE_URL || databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    databasePoolTimeoutMs: integer(env, 'DATABASE_POOL_TIMEOUT_MS', 5_000, 1, MAX_POOL_TIMEOUT_MS),
    databaseReplicaUrl: env.DATABASE_REPLICA_URL || undefined,
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    jwtSecret,
    production,
    reportTimeoutMs: integer(env, 'REPORT_TIMEOUT_MS', 10_000, 100, 600_000),
    logLevel: logLevel(env),
  };
}
