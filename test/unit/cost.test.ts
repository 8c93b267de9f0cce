import { GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { assertEveryListBounded, operationCost } from '../../src/graphql/cost';
import { QUERY_LIMITS } from '../../src/graphql/limits';
import { buildSchema } from '../../src/graphql/schema';
import { OrdersPageDocument, UsersOrdersProductsDocument, UsersPageDocument } from '../generated/graphql';

const schema = buildSchema();
const cost = (document: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(document), variables, null);

describe('query cost model', () => {
  it('prices the two ordinary pages of the contract under the limit', () => {
    // users: 1 + 50 x (user 1 + orders connection 1 + 5 x (order 1 + 100 lines x 1))
    expect(cost(print(UsersPageDocument), { users: 50, orders: 5 })).toBe(1 + 50 * (1 + 1 + 5 * (1 + 100)));
    expect(cost(print(UsersPageDocument), { users: 50, orders: 5 })).toBe(25_351);
    // orders: 1 + 100 x (order 1 + user 1 + 100 lines x (line 1 + product 1))
    expect(cost(print(OrdersPageDocument), { first: 100 })).toBe(20_201);
    expect(Math.max(25_351, 20_201)).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
  });

  it('prices 15 aliases of users(first: $n) { orders(first: $n) { items { product } } } at n = 100 far over it', () => {
    const one = cost(print(UsersOrdersProductsDocument), { n: 100 });
    expect(one).toBe(1 + 100 * (1 + 1 + 100 * (1 + 100 * 2)));
    const selection = print(UsersOrdersProductsDocument).replace(/^query UsersOrdersProducts\(\$n: Int\) \{|\}\s*$/g, '');
    const aliased = `query ($n: Int) { ${Array.from({ length: 15 }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;
    expect(cost(aliased, { n: 100 })).toBe(15 * one);
    expect(15 * one).toBeGreaterThan(QUERY_LIMITS.maxCost);
  });

  it('multiplies by first as a literal, as a variable, and by its default when omitted or null', () => {
    const users = (first: string) => `query ($n: Int) { users${first} { edges { node { id } } } }`;
    expect(cost(users('(first: 7)'))).toBe(1 + 7);
    expect(cost(users('(first: $n)'), { n: 7 })).toBe(1 + 7);
    expect(cost(users(''))).toBe(1 + 20);
    expect(cost(users('(first: $n)'))).toBe(1 + 20);
    expect(cost(users('(first: null)'))).toBe(1 + 20);
  });

  it('clamps first to 0-100 so that an out-of-range page size is the resolver’s BAD_USER_INPUT', () => {
    expect(cost('{ products(first: 100000) { edges { node { id } } } }')).toBe(1 + 100);
    expect(cost('{ products(first: -5) { edges { node { id } } } }')).toBe(1);
  });

  it('counts page metadata as nothing and an edge without its node as one object', () => {
    expect(cost('{ products(first: 50) { totalCount pageInfo { hasNextPage endCursor } } }')).toBe(1);
    expect(cost('{ products(first: 50) { edges { cursor } } }')).toBe(1 + 50);
  });

  it('counts lists without page arguments at their bound', () => {
    expect(cost('{ order(id: "x") { items { id } } }')).toBe(1 + 100);
    expect(cost('{ revenueByMonth(year: 2026) { month } }')).toBe(12);
    expect(cost('{ revenueByDay(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { day } }')).toBe(400);
    expect(cost('{ topProducts(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", limit: 7) { product { id } } }')).toBe(7 * 2);
    expect(cost('{ topProducts(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { unitsSold } }')).toBe(10);
  });

  it('follows fragments, @skip/@include and interfaces; scalars, __typename and introspection cost nothing', () => {
    expect(cost('{ me { ...F } } fragment F on User { orders(first: 3) { edges { node { id } } } }')).toBe(1 + 1 + 3);
    expect(cost('query ($s: Boolean!) { me { id orders(first: 3) @skip(if: $s) { edges { node { id } } } } }', { s: true })).toBe(1);
    expect(cost('{ node(id: "x") { id ... on Order { items { id } } } }')).toBe(1 + 100);
    expect(cost('{ __typename version a: __typename __schema { types { name fields { name } } } }')).toBe(0);
  });

  it('an operation costs the same whichever operation of the document is named', () => {
    const document = parse('query A { me { id } } query B { products(first: 9) { edges { node { id } } } }');
    expect(operationCost(schema, document, {}, 'A')).toBe(1);
    expect(operationCost(schema, document, {}, 'B')).toBe(10);
  });

  it('refuses to start with a list field that has no bound', () => {
    expect(() => assertEveryListBounded(schema)).not.toThrow();
    const Thing = new GraphQLObjectType({ name: 'Thing', fields: { name: { type: GraphQLString } } });
    const unbounded = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { things: { type: new GraphQLList(Thing) } } }),
    });
    expect(() => assertEveryListBounded(unbounded)).toThrow(/Query\.things is a list without a bound/);
  });
});
