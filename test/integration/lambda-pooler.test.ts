/**
 * Why the serverless design is what it is, part 1: two dozen Lambda instances at once (child
 * processes, each its own handler and PrismaClient with the default pool of 1), all behind
 * PgBouncer in transaction mode. PostgreSQL never sees more server connections than PgBouncer's
 * pool, and every invocation succeeds. Part 2 (no pooler, a pool of 10 each) is
 * lambda-exhaustion.test.ts.
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { seedDemoData } from '../../seed/seed';
import { openDatabase } from '../../src/db/client';
import { signAccessToken } from '../../src/graphql/auth';
import { toGlobalId } from '../../src/graphql/global-id';
import { MeDocument, PlaceOrderDocument, ProductsDocument, RevenueByDayDocument } from '../generated/graphql';
import { SMALL_SHOP } from '../support/api';
import { sampleConnections } from '../support/connections';
import { createDatabase } from '../support/database';
import { buildLambda, lambdaEnvironment, httpApiEvent, restApiEvent, startInstances, type LambdaInstance } from '../support/lambda';
import { TEST_JWT_SECRET } from '../support/server';
import { hasPgbouncer, PGBOUNCER_POOL_SIZE, startPgbouncer } from '../support/pgbouncer';
import { expectConsistentShop } from '../support/shop';

const INSTANCES = 24;
const INVOCATIONS = 6;
const isCheckout = (invocation: number) => invocation % 4 === 1;
const products = httpApiEvent({ query: print(ProductsDocument), variables: { first: 10 } });

/** Orders in the database, on a connection closed again at once (the test counts connections). */
async function countOrders(url: string): Promise<number> {
  const handle = openDatabase(url, 1);
  try {
    return await handle.prisma.order.count();
  } finally {
    await handle.close();
  }
}

describe.runIf(hasPgbouncer)('two dozen Lambda instances behind PgBouncer (transaction pooling)', () => {
  let bundle: Awaited<ReturnType<typeof buildLambda>>;
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let pgbouncer: Awaited<ReturnType<typeof startPgbouncer>>;
  const instances: LambdaInstance[] = [];

  beforeAll(async () => {
    [bundle, database] = await Promise.all([buildLambda(), createDatabase({ migrated: true })]);
    const handle = openDatabase(database.url, 2);
    await seedDemoData(handle.prisma, SMALL_SHOP);
    await handle.prisma.product.updateMany({ data: { stock: 10_000 } });
    await handle.close();
    pgbouncer = await startPgbouncer(database.url);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await pgbouncer?.stop();
    await database?.drop();
    bundle?.remove();
  });

  it('never makes PostgreSQL see more connections than the pooler pool, and every invocation succeeds', { timeout: 240_000 }, async () => {
    const [analyst, alice] = [await signAccessToken(TEST_JWT_SECRET, 2), await signAccessToken(TEST_JWT_SECRET, 3)];
    const env = lambdaEnvironment(pgbouncer.url);
    // One root field each (a request's parallel fields queue on an instance's one connection:
    // the warm test in lambda.test.ts covers that): a checkout, a report (both transactions), lists.
    const report = httpApiEvent(
      {
        query: print(RevenueByDayDocument),
        variables: { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z', timeZone: 'Europe/Paris' },
      },
      { authorization: `Bearer ${analyst}` },
    );
    const me = restApiEvent({ query: print(MeDocument) }, { Authorization: `Bearer ${alice}` });
    const events = (instance: number) =>
      Array.from({ length: INVOCATIONS }, (_, index) => {
        if (isCheckout(index)) {
          const items = [{ productId: toGlobalId('Product', 1 + ((instance + index) % 10)), quantity: 1 }];
          return restApiEvent({ query: print(PlaceOrderDocument), variables: { input: { items } } }, { Authorization: `Bearer ${alice}` });
        }
        return [report, me, products][index % 3];
      });

    const ordersBefore = await countOrders(database.url);
    // The instances start cold (each answering a first event), then all invoke at once;
    // PostgreSQL is watched throughout.
    const everything = (async () => {
      instances.push(...(await startInstances(INSTANCES, bundle.dir, env, products)));
      const warm = await Promise.all(instances.map((instance, index) => instance.invoke(events(index))));
      return instances.map((instance, index) => [instance.first, ...warm[index]!]);
    })();
    const { result, max, samples } = await sampleConnections(inject('serverUrl'), database.name, everything);
    const results = result.flat();

    expect(results).toHaveLength(INSTANCES * (INVOCATIONS + 1));
    const failed = results.filter((response) => response.statusCode !== 200 || JSON.parse(response.body).errors);
    expect(failed.map((response) => response.body.slice(0, 300))).toEqual([]);
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(PGBOUNCER_POOL_SIZE);
    const ordersPerInstance = Array.from({ length: INVOCATIONS }, (_, index) => index).filter(isCheckout).length;
    expect(await countOrders(database.url)).toBe(ordersBefore + INSTANCES * ordersPerInstance);
    const handle = openDatabase(database.url, 1);
    await expectConsistentShop(handle.prisma);
    await handle.close();
    console.log(
      `lambda behind PgBouncer: ${INSTANCES} instances x ${INVOCATIONS + 1} invocations, all answered; ` +
        `PostgreSQL saw at most ${max} connections (PgBouncer pool ${PGBOUNCER_POOL_SIZE}; ${samples} samples)`,
    );
  });
});
