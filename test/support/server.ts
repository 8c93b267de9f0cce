/** How tests run the service: in this process (startServer) or as a process of its own (its environment). */
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

/** The environment of the service run as a process (npm start, node dist/main.js) on `databaseUrl`. */
export function serviceEnvironment(databaseUrl: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, PORT: '0', NODE_ENV: 'development', ...overrides };
}
