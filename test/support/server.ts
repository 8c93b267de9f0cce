/** How tests run the service: in this process (startServer) or as a process of its own (its environment). */
import { SignJWT } from 'jose';
import { createLogger } from '../../src/logging/logger';
import type { ServerConfig } from '../../src/server';

/** The tests' HS256 key: long enough for NODE_ENV=production, which refuses short ones. */
export const TEST_JWT_SECRET = 'integration-test-secret-long-enough-for-production';

/** Test servers log internal errors only: a line per request would bury the test output. */
const QUIET = createLogger('error');

/** A server in this process: 127.0.0.1 on a free port, development mode, the test key, quiet logs. */
export function testServerConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    production: false,
    jwtSecret: TEST_JWT_SECRET,
    reportTimeoutMs: 10_000,
    logger: QUIET,
    ...overrides,
  };
}

/** The service's own variables (RUNTIME.md, src/config.ts): a test sets the ones it means, never inherits them. */
const SERVICE_VARIABLES = [
  'DATABASE_URL',
  'DIRECT_DATABASE_URL',
  'DATABASE_REPLICA_URL',
  'DATABASE_POOL_SIZE',
  'DATABASE_POOL_TIMEOUT_MS',
  'REPORT_TIMEOUT_MS',
  'HOST',
  'PORT',
  'JWT_SECRET',
  'NODE_ENV',
  'LOG_LEVEL',
];

/**
 * The environment of the service or one of its commands run as a process (npm start, node
 * dist/main.js, seed, token) on `databaseUrl`: the caller's environment (PATH, HOME) without any of
 * the service's variables the caller happens to have, then the tests' settings, then `overrides`.
 */
export function serviceEnvironment(databaseUrl: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !SERVICE_VARIABLES.includes(name)));
  return { ...inherited, DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, PORT: '0', NODE_ENV: 'development', ...overrides };
}

/**
 * A token the tests shape by hand (an odd subject, no expiry, another key), HS256 like the
 * service's own; signAccessToken makes the ordinary ones.
 */
export function handMadeToken(claims: { sub?: string; exp?: number }, secret = TEST_JWT_SECRET): Promise<string> {
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' });
  if (claims.sub) jwt.setSubject(claims.sub);
  if (claims.exp) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(secret));
}
