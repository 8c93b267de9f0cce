/**
 * What changed with compiled execution (src/graphql/execution.ts) must not show: answers keep
 * `cache-control: no-store`, variables are coerced as graphql-js does (400 BAD_USER_INPUT), and
 * abstract types, aliases, fragments and partial errors come out as before.
 */
import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import { useTestApi } from '../support/api';

const api = useTestApi({ production: true });

async function post(body: unknown, token?: string) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; path?: unknown[]; extensions?: { code?: string } }[];
    },
  };
}

describe('compiled execution', () => {
  it('runs nothing when operationName names no operation of the document: 400, stock unchanged, GET too', async () => {
    const product = await api.db.product.create({ data: { sku: 'OPNAME-1', name: 'Named', price: '1.00', stock: 1 } });
    const restock = `mutation { restockProduct(id: "${toGlobalId('Product', product.id)}", quantity: 7) { stock } }`;
    const { status, body } = await post({ query: restock, operationName: 'Nope' }, api.tokens.admin);
    expect([status, body.errors?.map((error) => error.extensions?.code)]).toEqual([400, ['OPERATION_RESOLUTION_FAILURE']]);
    expect(body.errors?.[0]?.message).toMatch(/Nope/);
    const viaGet = await fetch(`${api.url}/graphql?query=${encodeURIComponent(restock)}&operationName=Nope`, {
      headers: { authorization: `Bearer ${api.tokens.admin}`, 'apollo-require-preflight': 'true' },
    });
    expect(viaGet.status).toBeGreaterThanOrEqual(400);
    expect(viaGet.status).toBeLessThan(500);
    expect((await api.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(1);
    // A document of two operations and no name to choose is refused the same way.
    const two = await post({ query: 'query A { __typename } query B { __typename }' });
    expect([two.status, two.body.errors?.map((error) => error.extensions?.code)]).toEqual([400, ['OPERATION_RESOLUTION_FAILURE']]);
  });

  it('answers with cache-control: no-store', async () => {
    const { headers } = await post({ query: '{ __typename }' });
    expect(headers.get('cache-control')).toBe('no-store');
  });

  it('refuses variables of the wrong type with 400 BAD_USER_INPUT, and missing required ones too', async () => {
    const wrongType = await post({ query: 'query($first: Int) { products(first: $first) { totalCount } }', variables: { first: 'ten' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const missing = await post({ query: 'query($id: ID!) { product(id: $id) { name } }', variables: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('resolves the Node interface, aliases and fragments, and keeps the data beside a failed field', async () => {
    const product = toGlobalId('Product', 1);
    const { status, body } = await post(
      {
        query: `query($id: ID!) {
          first: node(id: $id) { __typename id ... on Product { sku } }
          second: product(id: $id) { ...Name }
          broken: product(id: "not-an-id") { name }
        }
        fragment Name on Product { name }`,
        variables: { id: product },
      },
      api.tokens.alice,
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({
      first: { __typename: 'Product', id: product, sku: expect.any(String) },
      second: { name: expect.any(String) },
      broken: null,
    });
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['broken'], 'BAD_USER_INPUT']]);
  });
});
