/**
 * Whatever a client sends, the answer is JSON in the GraphQL response shape, and 4xx when the
 * client caused it (RUNTIME.md "HTTP").
 */
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import { encodeCursor } from '../../src/services/pagination';
import { useTestApi } from '../support/api';
import { sendRaw, type RawResponse } from '../support/raw-http';
import { shopState } from '../support/shop';

const api = useTestApi({ production: true });
const json = { 'content-type': 'application/json' };

/** Asserts a JSON error body with one error of `code`, and the HTTP status. */
function expectError(response: RawResponse, status: number, code: string) {
  expect(response.status, response.text.slice(0, 300)).toBe(status);
  expect(response.contentType).toMatch(/^application\/(graphql-response\+)?json/);
  expect(response.json?.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  expect(typeof response.json?.errors?.[0]?.message).toBe('string');
  expect(response.text).not.toMatch(/stacktrace|<html|\bat .+:\d+:\d+/i);
}

const post = (body: string | Uint8Array, headers: Record<string, string> = json) => sendRaw(api.url, { body, headers });
const graphql = (query: string, variables?: Record<string, unknown>, token?: string) =>
  post(JSON.stringify({ query, variables }), { ...json, ...(token ? { authorization: `Bearer ${token}` } : {}) });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bodies that are not a GraphQL request: 400', () => {
  it.each([
    ['malformed JSON', '{"query": "{ version }"'],
    ['null', 'null'],
    ['a string', '"{ version }"'],
    ['a number', '42'],
    ['a boolean', 'true'],
    ['an array (no batching)', '[{"query": "{ version }"}]'],
    ['an empty object', '{}'],
    ['a query that is not a string', '{"query": 42}'],
    ['variables that are a string', '{"query": "{ version }", "variables": "{}"}'],
    ['an empty body', ''],
  ])('%s', async (_, body) => {
    expectError(await post(body), 400, 'BAD_REQUEST');
  });

  it('never reaches Express’s default handler, which prints the body (variables included) to stderr', async () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const consoleError = vi.spyOn(console, 'error');
    expectError(await post('{"query": "{ version }", "variables": {"password": "hunter2-secret"'), 400, 'BAD_REQUEST');
    const written = [...stderr.mock.calls, ...consoleError.mock.calls].flat().map(String).join('\n');
    expect(written).not.toContain('hunter2-secret');
  });
});

describe('media types, charsets and encodings', () => {
  it.each([['text/plain'], ['application/xml'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x']])(
    'Content-Type %s is 415',
    async (type) => {
      expectError(await post('{"query": "{ version }"}', { 'content-type': type }), 415, 'BAD_REQUEST');
    },
  );

  it('a POST without Content-Type is 415', async () => {
    expectError(await sendRaw(api.url, { body: '{"query": "{ version }"}', headers: {} }), 415, 'BAD_REQUEST');
  });

  it('a charset other than UTF-8 is 415', async () => {
    expectError(await post('{"query": "{ version }"}', { 'content-type': 'application/json; charset=latin1' }), 415, 'BAD_REQUEST');
  });

  it('an unknown Content-Encoding is 415, a broken gzip body 400, a good one is served', async () => {
    expectError(await post('{"query": "{ version }"}', { ...json, 'content-encoding': 'snappy' }), 415, 'BAD_REQUEST');
    expectError(await post('not gzip at all', { ...json, 'content-encoding': 'gzip' }), 400, 'BAD_REQUEST');
    const truncated = gzipSync('{"query": "{ version }"}').subarray(0, 12);
    expectError(await post(truncated, { ...json, 'content-encoding': 'gzip' }), 400, 'BAD_REQUEST');
    const good = await post(gzipSync('{"query": "{ version }"}'), { ...json, 'content-encoding': 'gzip' });
    expect(good.json).toEqual({ data: { version: expect.any(String) } });
  });
});

describe('size', () => {
  it('a body over 1 MB is 413, and so is a small gzip body that inflates past it', async () => {
    const big = JSON.stringify({ query: '{ version }', variables: { padding: 'x'.repeat(1_100_000) } });
    expectError(await post(big), 413, 'BAD_REQUEST');
    const bomb = gzipSync(big);
    expect(bomb.length).toBeLessThan(10_000);
    expectError(await post(bomb, { ...json, 'content-encoding': 'gzip' }), 413, 'BAD_REQUEST');
  });

  it('a body just under 1 MB is read', async () => {
    const response = await graphql('query ($s: String) { products(first: 1, filter: { search: $s }) { totalCount } }', {
      s: 'x'.repeat(1_000_000),
    });
    expect(response.json).toEqual({ data: { products: { totalCount: 0 } } });
  });
});

describe('documents', () => {
  it('that do not parse are GRAPHQL_PARSE_FAILED (400)', async () => {
    expectError(await graphql('{ products(first: '), 400, 'GRAPHQL_PARSE_FAILED');
    expectError(await graphql('{ version } }'), 400, 'GRAPHQL_PARSE_FAILED');
  });

  it('that do not validate are GRAPHQL_VALIDATION_FAILED (400)', async () => {
    expectError(await graphql('{ nothing }'), 400, 'GRAPHQL_VALIDATION_FAILED');
    expectError(await graphql('{ products(first: "ten") { totalCount } }'), 400, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('subscriptions are GRAPHQL_VALIDATION_FAILED (400): the API has none', async () => {
    const response = await graphql('subscription { version }');
    expectError(response, 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(response.json?.errors?.[0]?.message).toMatch(/subscription/);
  });

  it('variables of the wrong type are BAD_USER_INPUT (400)', async () => {
    expectError(await graphql('query ($n: Int) { products(first: $n) { totalCount } }', { n: 2 ** 31 }), 400, 'BAD_USER_INPUT');
    expectError(await graphql('query ($n: Int) { products(first: $n) { totalCount } }', { n: 'ten' }), 400, 'BAD_USER_INPUT');
  });

  it('a persisted-query hash that does not match its query is BAD_REQUEST (400)', async () => {
    const body = { query: '{ version }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } };
    expectError(await post(JSON.stringify(body)), 400, 'BAD_REQUEST');
    const unknownVersion = { query: '{ version }', extensions: { persistedQuery: { version: 2, sha256Hash: '0'.repeat(64) } } };
    expectError(await post(JSON.stringify(unknownVersion)), 400, 'BAD_REQUEST');
  });
});

describe('strings PostgreSQL cannot store are BAD_USER_INPUT (400) and change nothing', () => {
  it.each([
    ['a NUL in a variable', 'a\u0000b'],
    ['an unpaired high surrogate', 'a\ud800b'],
    ['an unpaired low surrogate', '\udc00'],
  ])('%s: in search, in an idempotency key', async (_, text) => {
    const before = await shopState(api.db);
    expectError(
      await graphql('query ($s: String) { products(filter: { search: $s }) { totalCount } }', { s: text }),
      400,
      'BAD_USER_INPUT',
    );
    const product = toGlobalId('Product', 1);
    const response = await graphql(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
      { input: { items: [{ productId: product, quantity: 1 }], idempotencyKey: text } },
      api.tokens.alice,
    );
    expectError(response, 400, 'BAD_USER_INPUT');
    expect(response.json?.errors?.[0]?.message).toMatch(/variables\.input\.idempotencyKey/);
    expect(await shopState(api.db)).toEqual(before);
  });

  it('a NUL written as an escape in a string literal', async () => {
    expectError(await graphql('{ products(filter: { search: "a\\u0000b" }) { totalCount } }'), 400, 'BAD_USER_INPUT');
  });

  it('a forged cursor whose sort key holds a NUL', async () => {
    const query = 'query ($after: String) { products(orderBy: { field: NAME }, after: $after) { edges { cursor } } }';
    const cursor = (key: string) => encodeCursor({ order: 'products:NAME:ASC', key, id: 1 });
    expect((await graphql(query, { after: cursor('a') })).json?.errors).toBeUndefined(); // a cursor of this list
    const before = await shopState(api.db);
    expectError(await graphql(query, { after: cursor('a\u0000') }), 200, 'BAD_USER_INPUT');
    expect(await shopState(api.db)).toEqual(before);
  });

  it('a surrogate pair (an emoji) is fine', async () => {
    const response = await graphql('query ($s: String) { products(filter: { search: $s }) { totalCount } }', { s: 'a\ud83d\ude00' });
    expect(response.json).toEqual({ data: { products: { totalCount: 0 } } });
  });
});

describe('outside /graphql', () => {
  it('an unknown path is 404 with a JSON body', async () => {
    expectError(await sendRaw(api.url, { method: 'GET', path: '/nothing/here', headers: {} }), 404, 'NOT_FOUND');
    expectError(await sendRaw(api.url, { method: 'GET', path: '/%E0%A4%A', headers: {} }), 404, 'NOT_FOUND');
  });

  /** Sends `request` as written on a socket of its own; resolves with all the server wrote before closing. */
  function overTheWire(request: string): Promise<string> {
    const { port } = new URL(api.url);
    return new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request));
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
  }
  const bodyOf = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as unknown;
  const jsonError = { errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }] };

  it('a request Node’s HTTP parser refuses gets a JSON 400', async () => {
    const raw = await overTheWire('GET /graphql HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(bodyOf(raw)).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(raw).toMatch(/\r\nx-request-id: [\w-]+\r\n/i);
  });

  it('headers too large are a JSON 431, an unknown Expect a JSON 417, CONNECT a JSON 405, each with an x-request-id', async () => {
    const huge = await overTheWire(`GET /healthz HTTP/1.1\r\nHost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(huge)).toEqual(jsonError);
    const expectation = await overTheWire('GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: foo\r\nConnection: close\r\n\r\n');
    expect(expectation).toMatch(/^HTTP\/1\.1 417 /);
    expect(bodyOf(expectation)).toEqual(jsonError);
    const connect = await overTheWire('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(connect).toMatch(/^HTTP\/1\.1 405 /);
    expect(bodyOf(connect)).toEqual(jsonError);
    for (const raw of [huge, expectation, connect]) expect(raw).toMatch(/\r\nx-request-id: [\w-]+\r\n/i);
  });

  it('a request without a Host header is served like any other', async () => {
    const raw = await overTheWire('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(bodyOf(raw)).toEqual({ status: 'ok' });
  });
});
