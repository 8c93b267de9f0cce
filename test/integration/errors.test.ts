import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../src/graphql/limits';
import { JustEnoughAliasesDocument, ProductsDocument, TooDeepDocument, TooManyAliasesDocument } from '../generated/graphql';
import { dataOf, expectErrorCode, useTestApi } from '../support/api';
import { execute } from '../support/http';

const production = useTestApi({ production: true });

describe('errors and limits (production mode)', () => {
  it('refuses a query deeper than the limit with QUERY_TOO_COMPLEX, before running it', async () => {
    expect(QUERY_LIMITS.maxDepth).toBeLessThan(13);
    let response;
    const statements = await production.countStatements(async () => {
      response = await execute(production.url, TooDeepDocument, {}, { token: production.tokens.alice });
    });
    expectErrorCode(response!, 'QUERY_TOO_COMPLEX');
    expect(statements).toBe(1); // the viewer's row, read while building the context
  });

  it('allows 15 aliases and refuses 16 with QUERY_TOO_COMPLEX', async () => {
    expect(QUERY_LIMITS.maxAliases).toBe(15);
    dataOf(await execute(production.url, JustEnoughAliasesDocument, {}, { token: production.tokens.alice }));
    expectErrorCode(await execute(production.url, TooManyAliasesDocument, {}, { token: production.tokens.alice }), 'QUERY_TOO_COMPLEX');
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
  });
});
