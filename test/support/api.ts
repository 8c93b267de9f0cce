import { afterAll, beforeAll, expect } from 'vitest';
import { DEFAULT_SEED_OPTIONS, type SeedOptions } from '../../seed/generate';
import { seedDemoData } from '../../seed/seed';
import type { Database } from '../../src/db/client';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { signAccessToken } from '../../src/graphql/auth';
import { startServer, type RunningServer } from '../../src/server';
import { createDatabase } from './database';
import type { GraphQLResponse } from './http';
import { TEST_JWT_SECRET, testServerConfig } from './server';

/** A small demo shop: every role, a few dozen products and orders. */
export const SMALL_SHOP: SeedOptions = { ...DEFAULT_SEED_OPTIONS, users: 12, products: 30, orders: 120, seed: 5 };

export interface TestApi {
  url: string;
  /** The test database's URL, for commands run as child processes. */
  databaseUrl: string;
  /** The URL the server queries: databaseUrl, or the pooler's with `via`. */
  queryUrl: string;
  db: Database;
  handle: DatabaseHandle;
  /** Tokens of the seeded accounts; bob is a second customer. */
  tokens: { admin: string; analyst: string; alice: string; bob: string };
  tokenFor(userId: number): Promise<string>;
  /** Counts the SQL statements `run` sends. */
  countStatements(run: () => Promise<unknown>): Promise<number>;
}

/**
 * A running API server for the calling test file, on a database of its own seeded with `seed`:
 * started before the file's tests, stopped and dropped after them.
 */
export function useTestApi(
  options: {
    seed?: SeedOptions;
    production?: boolean;
    poolSize?: number;
    poolTimeoutMs?: number;
    reportTimeoutMs?: number;
    /** Puts something between the server and its database (a PgBouncer). */
    via?: (url: string) => Promise<{ url: string; stop(): Promise<void> }>;
  } = {},
): TestApi {
  const api = {} as TestApi;
  let server: RunningServer | undefined;
  let drop = async () => {};
  beforeAll(async () => {
    const created = await createDatabase({ migrated: true });
    const proxy = options.via ? await options.via(created.url) : undefined;
    drop = async () => {
      await proxy?.stop();
      await created.drop();
    };
    const handle = openDatabase(proxy?.url ?? created.url, options.poolSize ?? 10, options.poolTimeoutMs);
    await seedDemoData(handle.prisma, options.seed ?? SMALL_SHOP);
    server = await startServer(
      testServerConfig({ production: options.production ?? false, reportTimeoutMs: options.reportTimeoutMs ?? 10_000 }),
      handle,
    );
    const tokenFor = (userId: number) => signAccessToken(TEST_JWT_SECRET, userId);
    Object.assign(api, {
      url: server.url,
      databaseUrl: created.url,
      queryUrl: proxy?.url ?? created.url,
      db: handle.prisma,
      handle,
      tokenFor,
      tokens: { admin: await tokenFor(1), analyst: await tokenFor(2), alice: await tokenFor(3), bob: await tokenFor(4) },
      async countStatements(run: () => Promise<unknown>) {
        let statements = 0;
        const stop = handle.observeQueries(() => void (statements += 1));
        try {
          await run();
        } finally {
          stop();
        }
        return statements;
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await api.handle?.close();
    await drop();
  });
  return api;
}

/** Asserts that a response failed with exactly this `extensions.code`, and returns its first error. */
export function expectErrorCode<T>(response: GraphQLResponse<T>, code: string) {
  expect(
    response.errors?.map((error) => error.extensions?.code),
    JSON.stringify(response.errors),
  ).toEqual([code]);
  return response.errors![0]!;
}

/** Asserts a response has no errors and returns its data. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!;
}
