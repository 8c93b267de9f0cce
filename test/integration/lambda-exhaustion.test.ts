/**
 * Why the serverless design is what it is, part 2: the classic incident. Two dozen Lambda
 * instances, no pooler, each with a pool of 10 (DATABASE_POOL_SIZE left at the server's default)
 * against a PostgreSQL whose max_connections is 20 (a throw-away cluster started here): each
 * warm instance keeps the connections its requests opened, and PostgreSQL refuses the rest with
 * "sorry, too many clients already". Part 1, lambda-pooler.test.ts, is the fix.
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/seed';
import { openDatabase } from '../../src/db/client';
import { createDatabase } from '../../src/db/admin';
import { applyMigrations } from '../../src/db/migrations';
import { signAccessToken } from '../../src/graphql/auth';
import { StorefrontDocument } from '../generated/graphql';
import { SMALL_SHOP } from '../support/api';
import { postgresBin, startCluster, type Cluster } from '../support/cluster';
import { sampleConnections } from '../support/connections';
import { buildLambda, lambdaEnvironment, httpApiEvent, startInstances, type LambdaInstance } from '../support/lambda';
import { TEST_JWT_SECRET } from '../support/server';

const INSTANCES = 24;
const MAX_CONNECTIONS = 20;
const TOO_MANY = 'sorry, too many clients already';

describe.runIf(postgresBin)('two dozen Lambda instances with a pool of 10 each and no pooler', () => {
  let bundle: Awaited<ReturnType<typeof buildLambda>>;
  let cluster: Cluster;
  const instances: LambdaInstance[] = [];

  beforeAll(async () => {
    [bundle, cluster] = await Promise.all([buildLambda(), startCluster({ settings: { max_connections: MAX_CONNECTIONS } })]);
    await createDatabase(cluster.url(), 'shop');
    await applyMigrations(cluster.url('shop'));
    const handle = openDatabase(cluster.url('shop'), 2);
    await seedDemoData(handle.prisma, SMALL_SHOP);
    await handle.close();
  }, 180_000);
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await cluster?.stop();
    bundle?.remove();
  });

  it('exhausts PostgreSQL: some invocations fail and the server refuses connections (too many clients)', { timeout: 240_000 }, async () => {
    const env = lambdaEnvironment(cluster.url('shop'), { DATABASE_POOL_SIZE: '10' });
    // Four root fields resolve at once: an instance with a pool of 10 opens several connections
    // and keeps them (idle) between invocations, as a warm Lambda does.
    const storefront = httpApiEvent(
      { query: print(StorefrontDocument), variables: { year: 2026 } },
      { authorization: `Bearer ${await signAccessToken(TEST_JWT_SECRET, 1)}` },
    );
    const everything = (async () => {
      instances.push(...(await startInstances(INSTANCES, bundle.dir, env, storefront)));
      const warm = await Promise.all(instances.map((instance) => instance.invoke([storefront, storefront])));
      return instances.map((instance, index) => [instance.first, ...warm[index]!]);
    })();
    const { result, max } = await sampleConnections(cluster.url(), 'shop', everything);
    const results = result.flat();
    const failed = results.filter((response) => response.statusCode !== 200 || JSON.parse(response.body).errors);
    const refused = cluster
      .log()
      .split('\n')
      .filter((line) => line.includes(TOO_MANY)).length;

    expect(failed.length).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    // The sampler's own connection is one of the 20.
    expect(max).toBeGreaterThanOrEqual(MAX_CONNECTIONS - 2);
    console.log(
      `lambda without a pooler: ${INSTANCES} instances with a pool of 10 against max_connections ${MAX_CONNECTIONS}: ` +
        `PostgreSQL held up to ${max} connections and refused ${refused} ("${TOO_MANY}"); ${failed.length} of ${results.length} invocations failed`,
    );
  });
});
