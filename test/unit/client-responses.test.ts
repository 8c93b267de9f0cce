import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, parseRetryAfter, ViewerDocument, withRetry } from '../../src/client';
import { failure } from '../support/client';

// Responses the service (or a proxy in front of it) sends when things go wrong, as RUNTIME.md
// describes them, from a real HTTP server: the client must read each one right.
type Reply = { status: number; headers?: Record<string, string>; body: string };
const replies: Reply[] = [];
let requests = 0;
const server = http.createServer((_request, response) => {
  requests += 1;
  const reply = replies.shift() ?? { status: 200, body: JSON.stringify({ data: { me: null } }) };
  response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(reply.body);
});
let url = '';
beforeAll(
  () =>
    new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => {
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
        resolve();
      }),
    ),
);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const unavailable: Reply = {
  status: 503,
  headers: { 'retry-after': '0' },
  body: JSON.stringify({ errors: [{ message: 'The database is unavailable.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }),
};

describe('client: failures without data', () => {
  it('SERVICE_UNAVAILABLE (503) carries the Retry-After seconds and is retryable', async () => {
    replies.push({ ...unavailable, headers: { 'retry-after': '7' } });
    const error = await failure(createClient({ url }).request(ViewerDocument));
    expect([error.code, error.status, error.retryAfterSeconds, error.retryable]).toEqual(['SERVICE_UNAVAILABLE', 503, 7, true]);
  });

  it('a proxy error page (HTML 502) is SERVICE_UNAVAILABLE; a 404 page is BAD_RESPONSE', async () => {
    replies.push({ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' });
    expect((await failure(createClient({ url }).request(ViewerDocument))).code).toBe('SERVICE_UNAVAILABLE');
    replies.push({ status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not found</h1>' });
    const notGraphQL = await failure(createClient({ url }).request(ViewerDocument));
    expect([notGraphQL.code, notGraphQL.retryable]).toEqual(['BAD_RESPONSE', false]);
  });

  it('a code this client does not know is UNKNOWN, with the server code kept', async () => {
    replies.push({
      status: 200,
      body: JSON.stringify({ errors: [{ message: 'new', extensions: { code: 'SOMETHING_NEW', detail: 1 } }], data: null }),
    });
    const error = await failure(createClient({ url }).request(ViewerDocument));
    expect(error.find('UNKNOWN')?.extensions).toEqual({ code: 'UNKNOWN', serverCode: 'SOMETHING_NEW', detail: 1 });
  });

  it('withRetry tries again after SERVICE_UNAVAILABLE, and gives up after its attempts', async () => {
    const client = createClient({ url });
    replies.push(unavailable, unavailable);
    requests = 0;
    expect(await withRetry(() => client.request(ViewerDocument))).toEqual({ me: null });
    expect(requests).toBe(3);
    replies.push(unavailable, unavailable);
    requests = 0;
    expect((await failure(withRetry(() => client.request(ViewerDocument), { attempts: 2 }))).code).toBe('SERVICE_UNAVAILABLE');
    expect(requests).toBe(2);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
