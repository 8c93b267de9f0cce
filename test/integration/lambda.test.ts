/**
 * The Lambda handler (RUNTIME.md, "Serverless"), bundled as `npm run build` bundles it and run as
 * Lambda runs it: one process per instance, the module loaded once, events answered one at a
 * time. Both API Gateway payload formats; one PrismaClient per instance, one connection
 * (DATABASE_POOL_SIZE defaults to 1) however many warm invocations; no migration at cold start.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { seedDemoData } from '../../seed/seed';
import { withClient } from '../../src/db/admin';
import { openDatabase } from '../../src/db/client';
import { signAccessToken } from '../../src/graphql/auth';
import { toGlobalId } from '../../src/graphql/global-id';
import { MeDocument, PlaceOrderDocument, ProductsDocument, RevenueByDayDocument, StorefrontDocument } from '../generated/graphql';
import { SMALL_SHOP } from '../support/api';
import { sampleConnections } from '../support/connections';
import { createDatabase } from '../support/database';
import {
  buildLambda,
  lambdaEnvironment,
  httpApiEvent,
  restApiEvent,
  startInstance,
  type GatewayResult,
  type LambdaInstance,
} from '../support/lambda';
import { TEST_JWT_SECRET } from '../support/server';

const APPLICATION = 'lambda-warm';

let bundle: Awaited<ReturnType<typeof buildLambda>>;
let database: Awaited<ReturnType<typeof createDatabase>>;
let instance: LambdaInstance;
let tokens: { admin: string; analyst: string; alice: string };

// DATABASE_POOL_SIZE empty, as a console leaves a variable it shows: still the Lambda's pool of one.
const env = (url: string) =>
  lambdaEnvironment(url, { NODE_ENV: 'production', LOG_LEVEL: 'info', PGAPPNAME: APPLICATION, DATABASE_POOL_SIZE: '' });
const bodyOf = (result: GatewayResult) =>
  JSON.parse(result.body) as { data?: Record<string, unknown>; errors?: { message: string; extensions: { code: string } }[] };
const productsEvent = httpApiEvent({ query: print(ProductsDocument), variables: { first: 3 } });

beforeAll(async () => {
  [bundle, database] = await Promise.all([buildLambda(), createDatabase({ migrated: true })]);
  const handle = openDatabase(database.url, 2);
  await seedDemoData(handle.prisma, SMALL_SHOP);
  await handle.close();
  tokens = {
    admin: await signAccessToken(TEST_JWT_SECRET, 1),
    analyst: await signAccessToken(TEST_JWT_SECRET, 2),
    alice: await signAccessToken(TEST_JWT_SECRET, 3),
  };
  instance = await startInstance(bundle.dir, env(database.url), productsEvent);
}, 180_000);
afterAll(async () => {
  await instance?.stop();
  await database?.drop();
  bundle?.remove();
});

describe('the Lambda handler', () => {
  it('is one file to load (plus the query compiler it reads), with no seed or migration code in it', () => {
    const code = readFileSync(path.join(bundle.dir, 'lambda.mjs'), 'utf8');
    expect(code).not.toMatch(/seedDemoData|applyMigrations|startEmbeddedPostgres|prismaCliEnvironment/);
    // What a cold start parses: nothing that only development tools load (prettier was 5 MB).
    expect(statSync(path.join(bundle.dir, 'lambda.mjs')).size).toBeLessThan(4e6);
    console.log(
      `lambda: dist/lambda.js ${(statSync(path.join(bundle.dir, 'lambda.mjs')).size / 1e6).toFixed(1)} MB, query_compiler_bg.wasm ${(statSync(path.join(bundle.dir, 'query_compiler_bg.wasm')).size / 1e6).toFixed(1)} MB`,
    );
  });

  it('answers HTTP API (2.0) and REST API (1.0) events as POST /graphql answers', async () => {
    expect(instance.first.statusCode).toBe(200);
    expect((bodyOf(instance.first).data!.products as { edges: unknown[] }).edges).toHaveLength(3);
    const me = { query: print(MeDocument) };
    const [v2, v1, forged, notJson, invalid, plainText] = (await instance.invoke([
      httpApiEvent(me, { authorization: `Bearer ${tokens.alice}`, 'x-request-id': 'from-gateway-1' }),
      restApiEvent(me, { Authorization: `Bearer ${tokens.alice}`, 'X-Request-Id': 'from-gateway-2' }),
      httpApiEvent(me, { authorization: `Bearer ${tokens.alice.slice(0, -4)}AAAA` }),
      { ...httpApiEvent(me), body: '{"query": ' },
      httpApiEvent({ query: '{ me { nope } }' }),
      httpApiEvent(me, { 'content-type': 'text/plain' }),
    ])) as [GatewayResult, GatewayResult, GatewayResult, GatewayResult, GatewayResult, GatewayResult];
    expect(bodyOf(v2).data).toEqual({ me: expect.objectContaining({ email: 'alice@example.com' }) });
    expect(v2.headers!['x-request-id']).toBe('from-gateway-1');
    expect(bodyOf(v1).data).toEqual({ me: expect.objectContaining({ email: 'alice@example.com' }) });
    expect(v1.headers!['x-request-id']).toBe('from-gateway-2');
    expect([forged.statusCode, bodyOf(forged).errors![0]!.extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect([notJson.statusCode, bodyOf(notJson).errors![0]!.extensions.code]).toEqual([400, 'BAD_REQUEST']);
    expect([invalid.statusCode, bodyOf(invalid).errors![0]!.extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    expect([plainText.statusCode, bodyOf(plainText).errors![0]!.extensions.code]).toEqual([415, 'BAD_REQUEST']);
  });

  it('answers many warm invocations correctly over one connection, and logs each', { timeout: 120_000 }, async () => {
    const orders = () =>
      withClient(
        database.url,
        async (client) => (await client.query<{ count: number }>('SELECT count(*)::int AS count FROM orders')).rows[0]!.count,
      );
    const ordersBefore = await orders();
    const events = Array.from({ length: 60 }, (_, index) => {
      switch (index % 4) {
        case 0:
          return restApiEvent(
            {
              query: print(PlaceOrderDocument),
              variables: {
                input: { items: [{ productId: toGlobalId('Product', 1 + (index % 5)), quantity: 1 }], idempotencyKey: `warm-${index}` },
              },
            },
            { Authorization: `Bearer ${tokens.alice}` },
          );
        case 1:
          return httpApiEvent({ query: print(StorefrontDocument), variables: { year: 2026 } }, { authorization: `Bearer ${tokens.admin}` });
        case 2:
          return httpApiEvent(
            {
              query: print(RevenueByDayDocument),
              variables: { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', timeZone: 'Europe/Paris' },
            },
            { authorization: `Bearer ${tokens.analyst}` },
          );
        default:
          return productsEvent;
      }
    });
    const linesBefore = instance.stdout().split('\n').filter(Boolean).length;
    const { result: results, max } = await sampleConnections(inject('serverUrl'), database.name, instance.invoke(events), APPLICATION);
    expect(results.map((result) => result.statusCode)).toEqual(events.map(() => 200));
    expect(results.flatMap((result) => bodyOf(result).errors ?? [])).toEqual([]);
    expect(await orders()).toBe(ordersBefore + 15);
    expect(max).toBe(1);
    const lines = instance
      .stdout()
      .split('\n')
      .filter(Boolean)
      .slice(linesBefore)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(events.length);
    expect(
      lines.filter((line) => line.operationName === 'PlaceOrder' && line.userId === toGlobalId('User', 3) && line.status === 200),
    ).toHaveLength(15);
  });

  it('never migrates: on an empty database the first invocation fails and creates nothing', { timeout: 60_000 }, async () => {
    const empty = await createDatabase({ migrated: false });
    try {
      const fresh = await startInstance(bundle.dir, env(empty.url), productsEvent);
      await fresh.stop();
      expect(bodyOf(fresh.first).errors![0]!.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      const { rows } = await withClient(empty.url, (client) =>
        client.query<{ tables: number }>("SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'"),
      );
      expect(rows[0]!.tables).toBe(0);
    } finally {
      await empty.drop();
    }
  });

  it('starts cold in one process load and one first answer (measured)', { timeout: 120_000 }, async () => {
    const coldStarts: number[] = [];
    const spawned: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const fresh = await startInstance(bundle.dir, { ...env(database.url), LOG_LEVEL: 'silent' }, productsEvent);
      await fresh.stop();
      expect(fresh.first.statusCode).toBe(200);
      expect(fresh.stdout()).toBe('');
      coldStarts.push(fresh.coldStartMs);
      spawned.push(fresh.spawnToFirstAnswerMs);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!.toFixed(0);
    console.log(
      `lambda: cold start (process start -> first answer) median ${median(coldStarts)} ms of ${coldStarts.map((ms) => ms.toFixed(0)).join(', ')}; fork -> first answer median ${median(spawned)} ms`,
    );
  });
});
