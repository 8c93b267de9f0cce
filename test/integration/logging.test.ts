/**
 * RUNTIME.md "Logs": the real service (a child process, as `npm start` runs it) writes one JSON
 * line per request on stdout with exactly the contract's fields, echoes or makes `x-request-id`
 * on every response, carries it into the request's error log, and never logs a token or a
 * variable's value. Levels: an in-process server with a captured destination.
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/seed';
import { openDatabase } from '../../src/db/client';
import { createLogger } from '../../src/logging/logger';
import { toGlobalId } from '../../src/graphql/global-id';
import { signAccessToken } from '../../src/graphql/auth';
import { startServer } from '../../src/server';
import { CreateUserDocument, MeDocument, PlaceOrderDocument, ProductsDocument } from '../generated/graphql';
import { SMALL_SHOP } from '../support/api';
import { createDatabase } from '../support/database';
import { execute } from '../support/http';
import { TEST_JWT_SECRET, testServerConfig } from '../support/server';
import { startServiceProcess, type LogLine, type ServiceProcess } from '../support/service-process';

const REQUEST_LINE_FIELDS = ['durationMs', 'errorCodes', 'level', 'msg', 'operationName', 'requestId', 'status', 'time', 'userId'];
const SECRET_VALUE = 'variable-value-never-logged';

let database: Awaited<ReturnType<typeof createDatabase>>;
let service: ServiceProcess;
let tokens: { admin: string; alice: string };

async function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const lineOf = (requestId: string) => service.waitForLine((line) => line.requestId === requestId && 'status' in line);

beforeAll(async () => {
  database = await createDatabase({ migrated: true });
  const handle = openDatabase(database.url, 2);
  await seedDemoData(handle.prisma, SMALL_SHOP);
  await handle.close();
  tokens = { admin: await signAccessToken(TEST_JWT_SECRET, 1), alice: await signAccessToken(TEST_JWT_SECRET, 3) };
  service = await startServiceProcess(database.url, { NODE_ENV: 'production', LOG_LEVEL: 'info' });
}, 180_000);
afterAll(async () => {
  await service?.stop();
  await database?.drop();
});

describe('logs of the running service', () => {
  it('says it is ready in JSON', () => {
    const ready = service.lines().find((line) => line.msg.includes('ready at'))!;
    expect(ready).toMatchObject({ level: 'info', url: `${service.url}/graphql` });
    expect(new Date(ready.time).toISOString()).toBe(ready.time);
  });

  it('writes one line per GraphQL request with exactly the contract fields, and the viewer', async () => {
    const response = await post(
      { query: print(MeDocument), operationName: 'Me' },
      { authorization: `Bearer ${tokens.alice}`, 'x-request-id': 'client-chosen.id:1' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('client-chosen.id:1');
    const line = await lineOf('client-chosen.id:1');
    expect(Object.keys(line).sort()).toEqual(REQUEST_LINE_FIELDS);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'POST /graphql',
      operationName: 'Me',
      status: 200,
      userId: toGlobalId('User', 3),
      errorCodes: [],
    });
    expect(line.durationMs).toBeGreaterThan(0);
    expect(service.lines().filter((other) => other.requestId === 'client-chosen.id:1')).toHaveLength(1);
  });

  it('gives a request without a usable x-request-id a new one, and echoes it', async () => {
    for (const header of [undefined, 'x'.repeat(129), 'has spaces', 'a/b']) {
      const response = await post(
        { query: print(ProductsDocument), variables: { first: 1 } },
        header === undefined ? {} : { 'x-request-id': header },
      );
      const id = response.headers.get('x-request-id')!;
      expect(id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
      expect(id).not.toBe(header);
      expect(await lineOf(id)).toMatchObject({ operationName: 'Products', userId: null, status: 200 });
    }
  });

  it('echoes the id on health checks, 404s and bodies that are not JSON, with their codes', async () => {
    const health = await fetch(`${service.url}/healthz`, { headers: { 'x-request-id': 'probe-1' } });
    expect(health.headers.get('x-request-id')).toBe('probe-1');
    expect(await lineOf('probe-1')).toMatchObject({ msg: 'GET /healthz', status: 200, operationName: null });

    const missing = await fetch(`${service.url}/nowhere?token=${SECRET_VALUE}`, { headers: { 'x-request-id': 'lost-1' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('lost-1');
    expect(await lineOf('lost-1')).toMatchObject({ msg: 'GET /nowhere', status: 404, errorCodes: ['NOT_FOUND'] });

    const malformed = await post('{"query": ', { 'x-request-id': 'malformed-1' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-request-id')).toBe('malformed-1');
    expect(await lineOf('malformed-1')).toMatchObject({ status: 400, errorCodes: ['BAD_REQUEST'] });
  });

  it('lists the error codes of a failed request; a refused token is UNAUTHENTICATED and never logged', async () => {
    const forged = `${tokens.alice.slice(0, -4)}AAAA`;
    const response = await post({ query: print(MeDocument) }, { authorization: `Bearer ${forged}`, 'x-request-id': 'forged-1' });
    expect(response.status).toBe(401);
    expect(await lineOf('forged-1')).toMatchObject({ status: 401, userId: null, errorCodes: ['UNAUTHENTICATED'] });

    const invalid = await post({ query: '{ me { nope } }' }, { 'x-request-id': 'invalid-1' });
    expect(invalid.status).toBe(400);
    expect(await lineOf('invalid-1')).toMatchObject({ status: 400, errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
  });

  it("never logs variables' values, query strings or tokens", async () => {
    const created = await post(
      { query: print(CreateUserDocument), variables: { input: { email: `${SECRET_VALUE}@example.com`, name: SECRET_VALUE } } },
      { authorization: `Bearer ${tokens.admin}`, 'x-request-id': 'create-1' },
    );
    expect(((await created.json()) as { errors?: unknown }).errors).toBeUndefined();
    const order = await post(
      {
        query: print(PlaceOrderDocument),
        variables: { input: { items: [{ productId: toGlobalId('Product', 1), quantity: 1 }], idempotencyKey: SECRET_VALUE } },
      },
      { authorization: `Bearer ${tokens.alice}`, 'x-request-id': 'order-1' },
    );
    expect(order.status).toBe(200);
    const query = new URLSearchParams({
      query: print(ProductsDocument),
      variables: JSON.stringify({ first: 1, filter: { search: SECRET_VALUE } }),
    });
    await fetch(`${service.url}/graphql?${query}`, { headers: { 'x-request-id': 'get-1', 'apollo-require-preflight': 'true' } });

    expect(await lineOf('create-1')).toMatchObject({ operationName: 'CreateUser', userId: toGlobalId('User', 1) });
    expect(await lineOf('order-1')).toMatchObject({ operationName: 'PlaceOrder', userId: toGlobalId('User', 3) });
    expect(await lineOf('get-1')).toMatchObject({ msg: 'GET /graphql', operationName: 'Products' });
    const output = service.output();
    expect(output).not.toContain(SECRET_VALUE);
    for (const token of Object.values(tokens)) expect(output).not.toContain(token.split('.')[2]);
  });

  it("logs an internal error with its cause under the request's id", async () => {
    // A schema the service does not expect: the table is gone, which is our fault, not the client's.
    const handle = openDatabase(database.url, 1);
    await handle.prisma.$executeRaw`ALTER TABLE products RENAME TO products_gone`;
    try {
      const response = await post({ query: print(ProductsDocument), variables: { first: 1 } }, { 'x-request-id': 'broken-1' });
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
        'INTERNAL_SERVER_ERROR',
      );
      const error = await service.waitForLine((line) => line.requestId === 'broken-1' && line.level === 'error');
      expect(error.msg).toBe('internal error');
      expect(JSON.stringify(error.err)).toContain('products');
      expect(await lineOf('broken-1')).toMatchObject({ errorCodes: ['INTERNAL_SERVER_ERROR'] });
    } finally {
      await handle.prisma.$executeRaw`ALTER TABLE products_gone RENAME TO products`;
      await handle.close();
    }
  });

  it('says it is shutting down and stopped, in JSON, and exits 0', async () => {
    expect(await service.stop()).toBe(0);
    const tail = service.lines().slice(-2);
    expect(tail.map((line: LogLine) => line.msg)).toEqual(['shutting down', 'stopped']);
    expect(tail[0]).toMatchObject({ level: 'info', signal: 'SIGTERM' });
    expect(
      service
        .output()
        .split('\n')
        .filter(Boolean)
        .every((line) => line.startsWith('{')),
    ).toBe(true);
  });
});

describe('LOG_LEVEL', () => {
  it('silent writes nothing; warn keeps errors and drops request lines', async () => {
    const handle = openDatabase(database.url, 1);
    try {
      for (const [level, expected] of [
        ['silent', 0],
        ['warn', 0],
        ['info', 1],
      ] as const) {
        const written: string[] = [];
        const logger = createLogger(level, { write: (line: string) => void written.push(line) });
        const server = await startServer(testServerConfig({ production: true, logger }), handle);
        const closed = new Promise<void>((resolve) => {
          void fetch(`${server.url}/healthz`)
            .then((response) => response.text())
            .then(() => resolve());
        });
        await closed;
        await server.stop(); // the line is written when the response closes, before the server stops
        expect(written.length, `${level}: ${written.join('')}`).toBe(expected);
      }
    } finally {
      await handle.close();
    }
  });

  it('silent: the running service writes nothing on stdout, and still serves', { timeout: 120_000 }, async () => {
    const silent = await startServiceProcess(database.url, { LOG_LEVEL: 'silent' });
    const response = await execute(silent.url, ProductsDocument, { first: 1 });
    expect([response.status, response.errors]).toEqual([200, undefined]);
    expect(await silent.stop()).toBe(0);
    expect(silent.output()).toBe('');
  });
});
