import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../src/graphql/limits';
import { OrdersPageDocument, UsersOrdersProductsDocument, UsersPageDocument } from '../generated/graphql';
import { dataOf, useTestApi } from '../support/api';
import { aliasedCopies, inlineVariables } from '../support/documents';
import { execute } from '../support/http';
import { postQuery, type RawResponse } from '../support/raw-http';

const api = useTestApi({ production: true });
const LIMIT = QUERY_LIMITS.maxCost;

// What the model charges for the two ordinary pages of the contract (pinned in test/unit/cost.test.ts):
// users: 1 + users x (user 1 + orders 1 + orders x (order 1 + 100 lines));
// orders: 1 + first x (order 1 + user 1 + 100 lines x (line 1 + product 1)).
const usersPageCost = (users: number, orders: number) => 1 + users * (2 + orders * 101);
const ordersPageCost = (first: number) => 1 + first * 202;

/** The largest n in 0-100 with cost(n) <= LIMIT. */
const largestWithin = (cost: (n: number) => number) =>
  Math.max(...Array.from({ length: 101 }, (_, n) => n).filter((n) => cost(n) <= LIMIT));

async function expectTooComplex(response: RawResponse, cost: number) {
  expect(response.status).toBe(400);
  const [error, ...others] = response.json?.errors ?? [];
  expect(others).toEqual([]);
  expect(error?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', rule: 'cost', cost, limit: LIMIT });
  expect(error?.message).not.toMatch(/syntax/i);
  expect(error?.message).toMatch(/smaller pages \(first\)/);
  expect(response.json?.data).toBeUndefined();
}

/** Asserts that `send` runs no SQL beyond the token lookup every request with a token makes. */
async function expectNoSqlRan(send: () => Promise<unknown>) {
  const tokenLookup = await api.countStatements(() => postQuery(api.url, '{ __typename }', undefined, api.tokens.admin));
  expect(await api.countStatements(send)).toBe(tokenLookup);
}

describe('query cost: the contract’s users page (users x 5 orders x their lines)', () => {
  const under = largestWithin((users) => usersPageCost(users, 5));
  const over = under + 1;

  it('is within the limit at users(first: 50) and at the largest page size that fits', () => {
    expect(usersPageCost(50, 5)).toBe(25_351);
    expect(under).toBeGreaterThanOrEqual(50);
    expect(over).toBeLessThanOrEqual(100); // first alone can cross the limit
  });

  const send = {
    variables: (users: number) => postQuery(api.url, print(UsersPageDocument), { users, orders: 5 }, api.tokens.admin),
    literals: (users: number) => postQuery(api.url, inlineVariables(UsersPageDocument, { users, orders: 5 }), undefined, api.tokens.admin),
  };

  it.each(['variables', 'literals'] as const)(
    'with page sizes as %s: it runs at 50 users and at the largest page that fits, and one more is refused',
    async (as) => {
      for (const users of [50, under]) {
        const ran = await send[as](users);
        expect(ran.json?.errors, ran.text.slice(0, 500)).toBeUndefined();
      }
      let refused: RawResponse | undefined;
      await expectNoSqlRan(async () => (refused = await send[as](over)));
      await expectTooComplex(refused!, usersPageCost(over, 5));
    },
  );

  it('counts an omitted page size as its default: orders under 50 users default to 20 and cost too much', async () => {
    const response = await postQuery(api.url, print(UsersPageDocument), { users: 50 }, api.tokens.admin);
    await expectTooComplex(response, usersPageCost(50, 20));
  });
});

describe('query cost: the contract’s orders page (orders with their user and lines)', () => {
  // One page of 100 is far within the limit (first stops at 100): aliased pages cross it.
  const fullPages = Math.floor(LIMIT / ordersPageCost(100));
  const lastUnder = largestWithin((first) => fullPages * ordersPageCost(100) + ordersPageCost(first));
  const pages = (last: number) => [...Array.from({ length: fullPages }, () => ({ first: 100 })), { first: last }];

  it('is within the limit at orders(first: 100)', async () => {
    expect(ordersPageCost(100)).toBe(20_201);
    expect(fullPages).toBeGreaterThanOrEqual(1);
    dataOf(await execute(api.url, OrdersPageDocument, { first: 100 }, { token: api.tokens.admin }));
  });

  it.each(['variables', 'literals'] as const)(
    'with page sizes as %s: aliased pages run just within the limit and are refused one order past it',
    async (as) => {
      const within = aliasedCopies(OrdersPageDocument, pages(lastUnder), as);
      const ran = await postQuery(api.url, within.query, within.variables, api.tokens.admin);
      expect(ran.json?.errors, ran.text.slice(0, 500)).toBeUndefined();

      const past = aliasedCopies(OrdersPageDocument, pages(lastUnder + 1), as);
      let refused: RawResponse | undefined;
      await expectNoSqlRan(async () => (refused = await postQuery(api.url, past.query, past.variables, api.tokens.admin)));
      await expectTooComplex(refused!, fullPages * ordersPageCost(100) + ordersPageCost(lastUnder + 1));
    },
  );
});

describe('query cost: 15 aliases of users(first: $n) { orders(first: $n) { items { product } } } (150,000 orders at n = 100)', () => {
  const selection = print(UsersOrdersProductsDocument).replace(/^query UsersOrdersProducts\(\$n: Int\) \{|\}\s*$/g, '');
  const query = `query ($n: Int) { ${Array.from({ length: 15 }, (_, i) => `a${i}: ${selection}`).join('\n')} }`;
  const cost = 15 * (1 + 100 * (1 + 1 + 100 * (1 + 100 * 2)));

  it('is refused before anything runs, with the same cost as a literal or a variable', async () => {
    let refused: RawResponse | undefined;
    await expectNoSqlRan(async () => (refused = await postQuery(api.url, query, { n: 100 }, api.tokens.admin)));
    await expectTooComplex(refused!, cost);
    const anonymous = await api.countStatements(
      async () => (refused = await postQuery(api.url, query.replace(/\$n\b/g, '100').replace('query (100: Int) ', ''))),
    );
    expect(anonymous).toBe(0);
    await expectTooComplex(refused!, cost);
  });
});

describe('query cost: page sizes out of range', () => {
  it('are the resolver’s BAD_USER_INPUT, not a cost (the model counts them as 100)', async () => {
    const response = await execute(api.url, UsersPageDocument, { users: 101, orders: 1 }, { token: api.tokens.admin });
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
