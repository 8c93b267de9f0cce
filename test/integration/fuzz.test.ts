/**
 * A fixed-seed fuzz over real HTTP (fast-check): mutated documents, wrong variable types, odd and
 * huge strings, numbers at and past Int bounds, forged IDs, cursors and tokens, bodies that are
 * not JSON, and mutations that must fail. Never a 5xx, always a GraphQL-shaped JSON body, no
 * internal error, no stack trace or SQL/Prisma text in a message, the database unchanged, the
 * server healthy after. Development mode, so that messages are not masked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { toGlobalId } from '../../src/graphql/global-id';
import { SMALL_SHOP, useTestApi } from '../support/api';
import { TEST_JWT_SECRET } from '../support/server';
import { fuzzRequest, resolveForgedToken, type FuzzRequest, type FuzzTokens } from '../support/fuzz-requests';
import { sendRaw } from '../support/raw-http';

const SEED = 20_261_123;
const BATCHES = 300;
const BATCH_SIZE = 10; // requests sent at once: 3,000 in all

const api = useTestApi({ seed: SMALL_SHOP });

/** Row counts and a checksum of every row of every table. */
async function databaseFingerprint(db: Database) {
  return db.$queryRaw<{ name: string; rows: number; checksum: string | null }[]>`
    SELECT 'users' AS name, count(*)::int AS rows, md5(string_agg(t::text, '|' ORDER BY t.id)) AS checksum FROM users t
    UNION ALL SELECT 'products', count(*)::int, md5(string_agg(t::text, '|' ORDER BY t.id)) FROM products t
    UNION ALL SELECT 'orders', count(*)::int, md5(string_agg(t::text, '|' ORDER BY t.id)) FROM orders t
    UNION ALL SELECT 'order_items', count(*)::int, md5(string_agg(t::text, '|' ORDER BY t.id)) FROM order_items t`;
}

/** What no message may contain: stack frames, SQL or driver text, Prisma. */
const LEAK =
  /\bat \S+ \(|node_modules|\.ts:\d+|prisma|DriverAdapter|invalid byte sequence|violates|duplicate key|relation "|column "|at or near|SQLSTATE/i;

interface Outcome {
  status: number;
  codes: string[];
}

async function send(request: FuzzRequest, tokens: FuzzTokens): Promise<Outcome> {
  const headers = await resolveForgedToken(request.headers, tokens);
  const response = await sendRaw(api.url, {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.search === undefined ? {} : { path: `/graphql?${request.search}` }),
  });
  const context = `${request.kind} -> ${response.status} ${response.text.slice(0, 300)}`;
  expect(response.status, context).toBeLessThan(500);
  expect(response.contentType, context).toMatch(/^application\/(graphql-response\+)?json/);
  expect(response.json, context).toBeTypeOf('object');
  const errors = response.json?.errors ?? [];
  expect(response.json?.data !== undefined || errors.length > 0, context).toBe(true);
  for (const error of errors) {
    expect(typeof error.message, context).toBe('string');
    expect(error.extensions?.code, context).toBeTypeOf('string');
    expect(error.extensions?.code, context).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.message, context).not.toMatch(LEAK);
  }
  if (response.status >= 400) expect(errors.length, context).toBeGreaterThan(0);
  return { status: response.status, codes: [...new Set(errors.map((error) => String(error.extensions?.code)))] };
}

describe('fuzz (fixed seed, over HTTP)', () => {
  it(
    `${BATCHES * BATCH_SIZE} hostile requests: never a 5xx, always JSON, nothing leaked, nothing changed`,
    { timeout: 240_000 },
    async () => {
      const tokens: FuzzTokens = {
        valid: [api.tokens.admin, api.tokens.analyst, api.tokens.alice, api.tokens.bob],
        admin: api.tokens.admin,
        alice: api.tokens.alice,
        aliceId: toGlobalId('User', 3),
        secret: TEST_JWT_SECRET,
      };
      const before = await databaseFingerprint(api.db);
      const counts = new Map<string, number>();
      const kinds = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(fc.array(fuzzRequest(tokens), { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }), async (batch) => {
          const outcomes = await Promise.all(batch.map((request) => send(request, tokens)));
          for (const { kind } of batch) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
          for (const { status, codes } of outcomes) {
            const key = `${status} ${codes.length > 0 ? codes.join('+') : 'data'}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        }),
        { seed: SEED, numRuns: BATCHES, endOnFailure: true },
      );

      const summary = [...counts].sort(([a], [b]) => a.localeCompare(b));
      console.log(
        `fuzz (seed ${SEED}), ${BATCHES * BATCH_SIZE} requests by HTTP status and error code:\n` +
          `${summary.map(([key, count]) => `  ${key}: ${count}`).join('\n')}\nby kind: ${[...kinds].map(([kind, count]) => `${kind} ${count}`).join(', ')}`,
      );
      expect([...counts.keys()].every((key) => Number(key.slice(0, 3)) < 500)).toBe(true);

      expect(await databaseFingerprint(api.db)).toEqual(before);
      expect((await sendRaw(api.url, { method: 'GET', path: '/healthz', headers: {} })).status).toBe(200);
      expect((await sendRaw(api.url, { method: 'GET', path: '/readyz', headers: {} })).status).toBe(200);
      const products = await sendRaw(api.url, {
        body: JSON.stringify({ query: '{ products(first: 3) { totalCount edges { node { sku } } } }' }),
      });
      expect(products.json?.errors).toBeUndefined();
    },
  );
});
