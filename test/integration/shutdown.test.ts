/**
 * A deploy, as an operator does it: npm start's entry point as a child process, SIGTERM in the
 * middle of a burst of placeOrder from clients on keep-alive connections, round after round.
 * Every round: the process exits 0 (main.ts exits 1 past its deadline); every order in the
 * database had its answer delivered to a client; every delivered order is in the database.
 * A request that got no answer (refused, reset) must have changed nothing.
 */
import http from 'node:http';
import net from 'node:net';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client';
import { signAccessToken } from '../../src/graphql/auth';
import { toGlobalId } from '../../src/graphql/global-id';
import { startServer } from '../../src/server';
import { PlaceOrderDocument } from '../generated/graphql';
import { TEST_JWT_SECRET, testServerConfig } from '../support/server';
import { startServiceProcess } from '../support/service-process';
import { untilLockWaiters } from '../support/conditions';
import { createDatabase } from '../support/database';
import { postOperation } from '../support/raw-http';

const CLIENTS = 8;
/** SIGTERM goes out once this many orders of the round were answered: the burst is in full swing. */
const SIGTERM_AFTER_ANSWERS = 12;
const MAX_ROUNDS = 20;
/**
 * No new round starts after this long: each one starts a service (migration check included),
 * 3-20 s depending on how busy the machine is. The log line says how many rounds ran.
 */
const ROUNDS_BUDGET_MS = 40_000;
const MIN_ROUNDS = 2;
/** Longer than main.ts's own shutdown deadline (20 s): a process still running then hangs. */
const HANG_MS = 30_000;

let database: Awaited<ReturnType<typeof createDatabase>>;
let handle: DatabaseHandle;
let token: string;
let items: { productId: string; quantity: number }[];
let productId: number;

beforeAll(async () => {
  database = await createDatabase({ migrated: true });
  handle = openDatabase(database.url, 2);
  const user = await handle.prisma.user.create({ data: { email: 'deploy@example.com', name: 'Deploy' } });
  const product = await handle.prisma.product.create({ data: { sku: 'DEPLOY-1', name: 'Deploy', price: '1.00', stock: 1_000_000 } });
  token = await signAccessToken(TEST_JWT_SECRET, user.id);
  productId = product.id;
  items = [{ productId: toGlobalId('Product', product.id), quantity: 1 }];
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

type Outcome = { key: string } & ({ kind: 'answered'; orderId: string } | { kind: 'refused' | 'no answer' | 'unexpected'; detail: string });

/** One client: places orders one after another on its keep-alive connection until the service stops answering. */
async function client(url: string, agent: http.Agent, prefix: string, onAnswer: () => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let index = 0; ; index += 1) {
    const key = `${prefix}-${index}`;
    let answer;
    try {
      answer = await postOperation(url, PlaceOrderDocument, { input: { items, idempotencyKey: key } }, { token, agent });
    } catch (error) {
      outcomes.push({ key, kind: 'no answer', detail: String(error) });
      return outcomes;
    }
    const orderId = answer.data?.placeOrder.id;
    if (answer.status === 200 && orderId) {
      outcomes.push({ key, kind: 'answered', orderId });
      onAnswer();
      continue;
    }
    const shuttingDown =
      answer.status === 503 &&
      answer.headers.connection === 'close' &&
      answer.headers['retry-after'] !== undefined &&
      answer.errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE';
    outcomes.push({ key, kind: shuttingDown ? 'refused' : 'unexpected', detail: `${answer.status} ${JSON.stringify(answer.errors)}` });
    return outcomes;
  }
}

async function ordersOfRound(prefix: string): Promise<Map<string, string>> {
  const rows = await handle.prisma.order.findMany({
    where: { idempotencyKey: { startsWith: `${prefix}-` } },
    select: { id: true, idempotencyKey: true },
  });
  return new Map(rows.map((row) => [row.idempotencyKey!, toGlobalId('Order', row.id)]));
}

async function round(number: number) {
  const service = await startServiceProcess(database.url, { DATABASE_POOL_SIZE: '4' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  let answers = 0;
  let signalled: number | undefined;
  const onAnswer = () => {
    answers += 1;
    if (answers >= SIGTERM_AFTER_ANSWERS && signalled === undefined) {
      signalled = performance.now();
      service.kill('SIGTERM');
    }
  };
  const prefix = `round${number}`;
  const outcomes = (
    await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(service.url, agent, `${prefix}-client${index}`, onAnswer)))
  ).flat();
  agent.destroy();
  let hang: NodeJS.Timeout | undefined;
  const exitCode = await Promise.race([
    service.exited,
    new Promise<string>((resolve) => (hang = setTimeout(resolve, HANG_MS, 'still running'))),
  ]);
  clearTimeout(hang);
  const exitMs = performance.now() - (signalled ?? 0);
  if (exitCode === 'still running') service.kill('SIGKILL');

  const stored = await ordersOfRound(prefix);
  const delivered = new Map(outcomes.flatMap((outcome) => (outcome.kind === 'answered' ? [[outcome.key, outcome.orderId] as const] : [])));
  return { exitCode, exitMs, stored, delivered, outcomes, signalled: signalled !== undefined, output: service.output() };
}

describe('SIGTERM during a burst of placeOrder on keep-alive connections', () => {
  it(
    'exits 0 every round, and the orders in the database are exactly the orders whose answers were delivered',
    async () => {
      const started = performance.now();
      const tally = { rounds: 0, delivered: 0, refused: 0, noAnswer: 0, slowestExitMs: 0 };
      while (tally.rounds < MAX_ROUNDS && (tally.rounds < MIN_ROUNDS || performance.now() - started < ROUNDS_BUDGET_MS)) {
        const result = await round(tally.rounds);
        tally.rounds += 1;
        const context = `round ${tally.rounds - 1}: ${result.output}`;
        expect(result.signalled, context).toBe(true);
        expect(result.exitCode, context).toBe(0);
        expect(
          result.outcomes.filter((outcome) => outcome.kind === 'unexpected'),
          context,
        ).toEqual([]);
        expect(result.stored, context).toEqual(result.delivered);
        tally.delivered += result.delivered.size;
        tally.refused += result.outcomes.filter((outcome) => outcome.kind === 'refused').length;
        tally.noAnswer += result.outcomes.filter((outcome) => outcome.kind === 'no answer').length;
        tally.slowestExitMs = Math.max(tally.slowestExitMs, Math.round(result.exitMs));
      }
      console.log(`shutdown rounds: ${JSON.stringify(tally)} in ${Math.round((performance.now() - started) / 1000)} s`);
    },
    ROUNDS_BUDGET_MS + MIN_ROUNDS * 90_000,
  );
});

/** A placeOrder request as bytes on the wire (HTTP/1.1, keep-alive). */
function placeOrderRequest(key: string): string {
  const body = JSON.stringify({ query: print(PlaceOrderDocument), variables: { input: { items, idempotencyKey: key } } });
  return [
    'POST /graphql HTTP/1.1',
    'Host: localhost',
    'Content-Type: application/json',
    `Authorization: Bearer ${token}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

describe('stopping the HTTP server', () => {
  it('finishes the request in flight, and runs nothing that arrives on its connection afterwards', async () => {
    const serving = openDatabase(database.url, 4);
    const server = await startServer(testServerConfig(), serving);
    const lock = await handle.pool.connect();
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    try {
      // The first order waits for the product's row lock, held here: it is in flight, for sure.
      await lock.query('BEGIN');
      await lock.query('SELECT 1 FROM products WHERE id = $1 FOR UPDATE', [productId]);
      socket.write(placeOrderRequest('in-flight'));
      await untilLockWaiters(serving.prisma, 1);

      // The next request on the same keep-alive connection starts before stop() and ends after it.
      const late = placeOrderRequest('arrived-after-stop');
      socket.write(late.slice(0, 20));
      const stopped = server.stop();
      socket.write(late.slice(20));
      await lock.query('COMMIT');
      await stopped;
      await socketClosed;
    } finally {
      lock.release();
      socket.destroy();
      await server.stop();
      await serving.close();
    }
    const answers = received.split(/(?=HTTP\/1\.1 )/);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200 /);
    expect(answers[0]).toMatch(/\r\nConnection: close\r\n/i);
    const keys = (await handle.prisma.order.findMany({ where: { idempotencyKey: { in: ['in-flight', 'arrived-after-stop'] } } })).map(
      (order) => order.idempotencyKey,
    );
    expect(keys).toEqual(['in-flight']);
    // Either the late request was refused (503, Connection: close) or it never got a socket; it ran nothing.
    expect(
      answers.slice(1).every((answer) => /^HTTP\/1\.1 503 /.test(answer)),
      received,
    ).toBe(true);
  });
});
