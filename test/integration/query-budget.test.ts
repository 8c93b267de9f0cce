import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import { MyNameDocument, OrdersBudgetDocument, PlaceOrderTotalDocument, UsersBudgetDocument } from '../generated/graphql';
import { dataOf, SMALL_SHOP, useTestApi } from '../support/api';
import { execute } from '../support/http';

const api = useTestApi({ seed: { ...SMALL_SHOP, users: 60, orders: 400 } });

/** SQL statements per operation: a fixed number per relation level, whatever the page size. */
describe('query budget (DataLoader)', () => {
  it.each([5, 50])('orders(first: %i) with user, items and products runs at most 5 statements', async (first) => {
    let edges = 0;
    const statements = await api.countStatements(async () => {
      edges = dataOf(await execute(api.url, OrdersBudgetDocument, { first }, { token: api.tokens.admin })).orders.edges.length;
    });
    expect(edges).toBe(first);
    console.log(`orders(first: ${first}) -> ${statements} SQL statements`);
    expect(statements).toBeLessThanOrEqual(5);
  });

  it.each([5, 50])('users(first: %i) with orders(first: 5) and their items runs at most 5 statements', async (first) => {
    let edges = 0;
    const statements = await api.countStatements(async () => {
      edges = dataOf(await execute(api.url, UsersBudgetDocument, { first }, { token: api.tokens.admin })).users.edges.length;
    });
    expect(edges).toBe(first);
    console.log(`users(first: ${first}) { orders(first: 5) } -> ${statements} SQL statements`);
    expect(statements).toBeLessThanOrEqual(5);
  });

  it('me costs one statement: the token lookup that also answers it', async () => {
    const statements = await api.countStatements(() => execute(api.url, MyNameDocument, {}, { token: api.tokens.alice }));
    expect(statements).toBe(1);
  });

  it('placeOrder is one statement besides the token lookup: no BEGIN or COMMIT round trips while the stock is locked', async () => {
    const product = await api.db.product.create({ data: { sku: 'BUDGET-1', name: 'Budget', price: '1.00', stock: 10 } });
    const items = [{ productId: toGlobalId('Product', product.id), quantity: 1 }];
    const place = () =>
      execute(api.url, PlaceOrderTotalDocument, { input: { items, idempotencyKey: 'budget-1' } }, { token: api.tokens.alice });
    expect(await api.countStatements(async () => dataOf(await place()))).toBe(2);
    expect(await api.countStatements(async () => dataOf(await place()))).toBe(2); // the replay too
    expect((await api.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(9);
    // A refusal too: the statement returns what it saw, and INSUFFICIENT_STOCK is built from that.
    const tooMany = [{ productId: toGlobalId('Product', product.id), quantity: 10 }];
    let refused: Awaited<ReturnType<typeof place>> | undefined;
    const refusal = () => execute(api.url, PlaceOrderTotalDocument, { input: { items: tooMany } }, { token: api.tokens.alice });
    expect(await api.countStatements(async () => (refused = await refusal()))).toBe(2);
    expect(refused!.errors?.[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_STOCK', requested: 10, available: 9 });
  });

  it('costs the same at 5 and at 50', async () => {
    const cost = (first: number) =>
      api.countStatements(() => execute(api.url, OrdersBudgetDocument, { first }, { token: api.tokens.admin }));
    expect(await cost(50)).toBe(await cost(5));
  });
});
