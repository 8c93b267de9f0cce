import { describe, expect, it } from 'vitest';
import {
  AdminOrdersDocument,
  CancelOrderDocument,
  CataloguePageDocument,
  createClient,
  isOrderServiceError,
  MoveOrderStatusDocument,
  MyOrdersDocument,
  newIdempotencyKey,
  PlaceOrderDocument,
  ProductPageDocument,
  RevenueByDayDocument,
  RevenueByMonthDocument,
  TopProductsDocument,
  ViewerDocument,
} from '../../src/client';
import { signAccessToken } from '../../src/graphql/auth';
import { useTestApi } from '../support/api';
import { failure } from '../support/client';
import { TEST_JWT_SECRET } from '../support/server';
import { newProduct } from '../support/shop';

const api = useTestApi();
const clientAs = (token?: string) => createClient({ url: `${api.url}/graphql`, token: () => token });

describe('the typed client against the running service', () => {
  it('shop front end: catalogue search and pages, product page, anonymous', async () => {
    const shop = clientAs();
    const product = await newProduct(api.db, 4, '12.34');
    const found = await shop.request(CataloguePageDocument, { search: product.sku, first: 5 });
    expect(found.products.edges.map((edge) => edge.node)).toEqual([
      { id: product.gid, sku: product.sku, name: product.name, price: '12.34', stock: 4 },
    ]);
    // Variables are optional where the operation has defaults: the first page, then the next.
    const first = await shop.request(CataloguePageDocument);
    expect(first.products.edges).toHaveLength(20);
    const next = await shop.request(CataloguePageDocument, { after: first.products.pageInfo.endCursor });
    expect(next.products.edges[0]!.node.id).not.toBe(first.products.edges[0]!.node.id);
    const page = await shop.request(ProductPageDocument, { id: product.gid });
    expect(page.product).toMatchObject({ sku: product.sku, price: '12.34', description: null });
    expect((await shop.request(ViewerDocument)).me).toBeNull();
  });

  it('places an order once per idempotency key, lists it under my orders, cancels it', async () => {
    const alice = clientAs(api.tokens.alice);
    const product = await newProduct(api.db, 10, '2.50');
    const input = { items: [{ productId: product.gid, quantity: 3 }], idempotencyKey: newIdempotencyKey() };
    const placed = (await alice.request(PlaceOrderDocument, { input })).placeOrder;
    const replayed = (await alice.request(PlaceOrderDocument, { input })).placeOrder;
    expect(replayed.id).toBe(placed.id);
    expect(placed).toMatchObject({ status: 'PENDING', totalPrice: '7.50', itemCount: 3 });
    expect((await api.db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(7);

    const mine = await alice.request(MyOrdersDocument, { first: 1 });
    expect(mine.me?.orders.edges[0]?.node).toEqual(placed);
    expect((await alice.request(CancelOrderDocument, { id: placed.id })).cancelOrder.status).toBe('CANCELLED');

    const again = await failure(alice.request(CancelOrderDocument, { id: placed.id }));
    expect(again.code).toBe('INVALID_STATE_TRANSITION');
    expect(again.find('INVALID_STATE_TRANSITION')?.extensions).toMatchObject({ from: 'CANCELLED', to: 'CANCELLED' });
  });

  it('types INSUFFICIENT_STOCK with productId, requested and available', async () => {
    const product = await newProduct(api.db, 2, '1.00');
    const error = await failure(
      clientAs(api.tokens.alice).request(PlaceOrderDocument, { input: { items: [{ productId: product.gid, quantity: 5 }] } }),
    );
    const stock = error.find('INSUFFICIENT_STOCK');
    expect(stock?.extensions).toEqual({ code: 'INSUFFICIENT_STOCK', productId: product.gid, requested: 5, available: 2 });
    expect(error.data).toBeNull();
    expect(error.retryable).toBe(false);
    const [first] = error.errors;
    if (first?.code === 'INSUFFICIENT_STOCK') expect(first.extensions.available).toBe(2); // narrowed by code
  });

  it('admin screens: the order list by status and a status move', async () => {
    const admin = clientAs(api.tokens.admin);
    const product = await newProduct(api.db, 5, '3.00');
    const order = (
      await clientAs(api.tokens.bob).request(PlaceOrderDocument, { input: { items: [{ productId: product.gid, quantity: 1 }] } })
    ).placeOrder;
    const pending = await admin.request(AdminOrdersDocument, { filter: { status: 'PENDING' }, first: 100 });
    expect(pending.orders.edges.every((edge) => edge.node.status === 'PENDING')).toBe(true);
    expect(pending.orders.edges.find((edge) => edge.node.id === order.id)?.node.user.email).toBeTruthy();
    expect((await admin.request(MoveOrderStatusDocument, { id: order.id, status: 'PAID' })).updateOrderStatus.status).toBe('PAID');
    expect((await failure(clientAs(api.tokens.bob).request(MoveOrderStatusDocument, { id: order.id, status: 'SHIPPED' }))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('analyst screens: the three reports; a customer is FORBIDDEN, an expired token UNAUTHENTICATED (401)', async () => {
    const analyst = clientAs(api.tokens.analyst);
    const range = { from: '2026-01-01T00:00:00.000Z', to: '2026-07-01T00:00:00.000Z' };
    const months = (await analyst.request(RevenueByMonthDocument, { year: 2026, timeZone: 'Europe/Paris' })).revenueByMonth;
    const days = (await analyst.request(RevenueByDayDocument, { ...range, timeZone: 'UTC' })).revenueByDay;
    const top = (await analyst.request(TopProductsDocument, { ...range, limit: 3 })).topProducts;
    expect(months.length).toBeGreaterThan(0);
    expect(days.every((day) => /^\d+\.\d{2}$/.test(day.revenue))).toBe(true);
    expect(top).toHaveLength(3);

    const customer = await failure(clientAs(api.tokens.alice).request(RevenueByMonthDocument, { year: 2026, timeZone: 'UTC' }));
    expect(customer.code).toBe('FORBIDDEN');
    const expired = await failure(
      clientAs(await signAccessToken(TEST_JWT_SECRET, 2, -60)).request(RevenueByMonthDocument, { year: 2026, timeZone: 'UTC' }),
    );
    expect([expired.code, expired.status]).toEqual(['UNAUTHENTICATED', 401]);
  });

  it('a service that cannot be reached is a retryable NETWORK_ERROR; an abort stays an abort', async () => {
    const offline = createClient({ url: 'http://127.0.0.1:9/graphql' });
    const error = await failure(offline.request(ViewerDocument));
    expect([error.code, error.status, error.retryable]).toEqual(['NETWORK_ERROR', 0, true]);
    const aborted = await clientAs()
      .request(ViewerDocument, {}, { signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught);
    expect(isOrderServiceError(aborted)).toBe(false);
    expect((aborted as Error).name).toBe('AbortError');
  });
});
