import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../src/graphql/limits';
import { ProductsDocument } from '../generated/graphql';
import { dataOf, expectErrorCode, useTestApi } from '../support/api';
import { pollUntil } from '../support/conditions';
import { execute } from '../support/http';
import { aliases, documentOfDepth } from '../support/limit-documents';
import { postQuery, type RawResponse } from '../support/raw-http';

const production = useTestApi({ production: true });

describe('errors and limits (production mode)', () => {
  it('refuses a document one past the depth or alias limit before running it, and answers one at the limit', async () => {
    const codes = (response: RawResponse) => response.json?.errors?.map((error) => error.extensions?.code);
    const asAlice = (query: string) => postQuery(production.url, query, undefined, production.tokens.alice);
    for (const query of [documentOfDepth(QUERY_LIMITS.maxDepth + 1), aliases(QUERY_LIMITS.maxAliases + 1)]) {
      let response: RawResponse | undefined;
      const statements = await production.countStatements(async () => (response = await asAlice(query)));
      expect([response!.status, codes(response!)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
      expect(statements).toBe(1); // the viewer's row, read while building the context
    }
    for (const query of [documentOfDepth(QUERY_LIMITS.maxDepth), aliases(QUERY_LIMITS.maxAliases)]) {
      const response = await asAlice(query);
      expect([response.status, codes(response)], response.text).toEqual([200, undefined]);
    }
  });

  it('masks internal errors: INTERNAL_SERVER_ERROR, no detail, no stack trace', async () => {
    // A column the client expects goes missing: a failure no error mapping knows.
    await production.db.$executeRaw`ALTER TABLE products RENAME COLUMN description TO description_gone`;
    try {
      const response = await execute(production.url, ProductsDocument, { first: 1 });
      const error = expectErrorCode(response, 'INTERNAL_SERVER_ERROR');
      expect(error.message).toBe('Internal server error');
      expect(JSON.stringify(response.errors)).not.toMatch(/description|stack|prisma/i);
    } finally {
      await production.db.$executeRaw`ALTER TABLE products RENAME COLUMN description_gone TO description`;
    }
    dataOf(await execute(production.url, ProductsDocument, { first: 1 }));
  });

  it('refuses introspection and hides the landing page in production', async () => {
    const response = await fetch(`${production.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const landing = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await landing.text()).not.toMatch(/<html/i);
  });

  it('serves /metrics with request, SQL and pool figures', async () => {
    await execute(production.url, ProductsDocument, { first: 1 });
    const text = await (await fetch(`${production.url}/metrics`)).text();
    expect(text).toMatch(/graphql_requests_total\{operation="Products",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/sql_queries_total\{outcome="ok"\} [1-9]/);
    for (const state of ['open', 'idle', 'busy', 'waiting']) expect(text).toContain(`db_pool_connections{state="${state}"}`);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="Products"\} [1-9]/);
  });

  it('counts refused requests as errors in /metrics: a bad token (401), a body that is not JSON (415)', async () => {
    const count = async () => {
      const text = await (await fetch(`${production.url}/metrics`)).text();
      return Number(/^graphql_requests_total\{operation="unnamed",outcome="error"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    };
    const before = await count();
    const badToken = await fetch(`${production.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: '{"query":"{ __typename }"}',
    });
    const notJson = await fetch(`${production.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect([badToken.status, notJson.status]).toEqual([401, 415]);
    await Promise.all([badToken.arrayBuffer(), notJson.arrayBuffer()]);
    await pollUntil('both are counted', async () => (await count()) === before + 2);
  });
});
