import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma';
import { toGlobalId } from '../../src/graphql/global-id';
import { encodeCursor } from '../../src/services/pagination';
import {
  CreateProductDocument,
  DeleteProductDocument,
  ProductDocument,
  ProductsDocument,
  RestockProductDocument,
  UpdateProductDocument,
  type ProductFilter,
  type ProductOrderField,
  type SortDirection,
} from '../generated/graphql';
import { dataOf, expectErrorCode, useTestApi } from '../support/api';
import { execute } from '../support/http';
import { walkConnection } from '../support/pagination';

const api = useTestApi();
const SORT_COLUMN = { NAME: 'name', PRICE: 'price', CREATED_AT: 'createdAt' } as const;

async function liveProducts() {
  return api.db.product.findMany({ where: { deletedAt: null }, orderBy: { id: 'asc' } });
}

async function walkProducts(
  size: number,
  variables: { filter?: ProductFilter; orderBy?: { field: ProductOrderField; direction: SortDirection } },
) {
  return walkConnection(
    size,
    async (after) => dataOf(await execute(api.url, ProductsDocument, { ...variables, first: size, after })).products,
  );
}

async function productCounts() {
  const [row] = await api.db.$queryRaw<[{ products: number; stock: number; live: number }]>`
    SELECT count(*)::int AS products, sum(stock)::int AS stock, count(*) FILTER (WHERE deleted_at IS NULL)::int AS live FROM products`;
  return row;
}

describe('products (anyone may read)', () => {
  it('product(id) finds a live product; an ID of another type is BAD_USER_INPUT', async () => {
    const [first] = await liveProducts();
    const product = dataOf(await execute(api.url, ProductDocument, { id: toGlobalId('Product', first!.id) })).product;
    expect(product).toMatchObject({ sku: first!.sku, price: first!.price.toFixed(2), stock: first!.stock });
    expectErrorCode(await execute(api.url, ProductDocument, { id: toGlobalId('Order', first!.id) }), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, ProductDocument, { id: 'garbage' }), 'BAD_USER_INPUT');
    expect(dataOf(await execute(api.url, ProductDocument, { id: toGlobalId('Product', 999_999) })).product).toBeNull();
  });

  for (const field of ['NAME', 'PRICE', 'CREATED_AT'] as const) {
    for (const direction of ['ASC', 'DESC'] as const) {
      it(`pages through every product exactly once, ordered by ${field} ${direction}, at several page sizes`, async () => {
        const sort = direction === 'ASC' ? 'asc' : 'desc';
        const expected = await api.db.product.findMany({
          where: { deletedAt: null },
          orderBy: [{ [SORT_COLUMN[field]]: sort }, { id: sort }],
        });
        for (const size of [1, 7, 100]) {
          const nodes = await walkProducts(size, { orderBy: { field, direction } });
          expect(nodes.map((node) => node.sku)).toEqual(expected.map((product) => product.sku));
        }
      });
    }
  }

  it('keeps ties in a stable order (same price, by id)', async () => {
    const created = [];
    for (const sku of ['TIE-C', 'TIE-A', 'TIE-B']) {
      created.push(await api.db.product.create({ data: { sku, name: 'Tie', price: '12.34', stock: 1 } }));
    }
    const nodes = await walkProducts(2, { filter: { search: 'TIE-' }, orderBy: { field: 'PRICE', direction: 'ASC' } });
    expect(nodes.map((node) => node.sku)).toEqual(created.map((product) => product.sku));
    await api.db.product.deleteMany({ where: { sku: { startsWith: 'TIE-' } } });
  });

  it('filters by search (name or sku, any case), price range and stock, with a matching totalCount', async () => {
    const all = await liveProducts();
    const word = all[0]!.name.split(' ')[1]!.toLowerCase();
    const cases: [ProductFilter, (product: (typeof all)[number]) => boolean][] = [
      [{ search: word.toUpperCase() }, (p) => p.name.toLowerCase().includes(word) || p.sku.toLowerCase().includes(word)],
      [{ search: 'sku-00001' }, (p) => p.sku.startsWith('SKU-00001')],
      [{ minPrice: '100.00', maxPrice: '250.5' }, (p) => p.price.gte(100) && p.price.lte(250.5)],
      [{ inStock: false }, (p) => p.stock === 0],
      [{ inStock: true, maxPrice: '200' }, (p) => p.stock > 0 && p.price.lte(200)],
      [{ search: '%' }, (p) => p.name.includes('%')],
    ];
    for (const [filter, matches] of cases) {
      const expected = all.filter(matches).map((p) => p.sku);
      const page = dataOf(
        await execute(api.url, ProductsDocument, { first: 100, filter, orderBy: { field: 'CREATED_AT', direction: 'ASC' } }),
      ).products;
      expect(page.edges.map((edge) => edge.node.sku).sort(), JSON.stringify(filter)).toEqual(expected.sort());
      expect(page.totalCount).toBe(expected.length);
    }
  });

  it('refuses first outside 0-100, a foreign cursor and a negative price bound with BAD_USER_INPUT', async () => {
    expectErrorCode(await execute(api.url, ProductsDocument, { first: 101 }), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, ProductsDocument, { first: -1 }), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, ProductsDocument, { after: 'bm90LWEtY3Vyc29y' }), 'BAD_USER_INPUT');
    const byName = dataOf(await execute(api.url, ProductsDocument, { first: 1, orderBy: { field: 'NAME', direction: 'ASC' } })).products;
    const foreign = { first: 1, after: byName.pageInfo.endCursor, orderBy: { field: 'PRICE' as const, direction: 'ASC' as const } };
    expectErrorCode(await execute(api.url, ProductsDocument, foreign), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, ProductsDocument, { filter: { minPrice: '-1' } }), 'BAD_USER_INPUT');
    // A forged cursor of the right list but with a key that is not a price or a date.
    for (const [field, key] of [
      ['PRICE', 'abc'],
      ['CREATED_AT', 'yesterday'],
      ['NAME', 5],
    ] as const) {
      const forged = encodeCursor({ order: `products:${field}:ASC`, key, id: 1 });
      expectErrorCode(await execute(api.url, ProductsDocument, { after: forged, orderBy: { field, direction: 'ASC' } }), 'BAD_USER_INPUT');
    }
    const empty = dataOf(await execute(api.url, ProductsDocument, { first: 0 })).products;
    expect(empty).toMatchObject({ edges: [], pageInfo: { hasNextPage: true, endCursor: null } });
  });
});

describe('product mutations (admins only)', () => {
  const input = { sku: 'new-widget-1', name: '  Widget  ', description: 'A widget', price: '19.90', stock: 5 };

  it('create, update, restock and delete, each refused to customers, analysts and anonymous', async () => {
    for (const token of [api.tokens.alice, api.tokens.analyst]) {
      expectErrorCode(await execute(api.url, CreateProductDocument, { input }, { token }), 'FORBIDDEN');
    }
    expectErrorCode(await execute(api.url, CreateProductDocument, { input }), 'UNAUTHENTICATED');

    const created = dataOf(await execute(api.url, CreateProductDocument, { input }, { token: api.tokens.admin })).createProduct;
    expect(created).toMatchObject({ sku: 'NEW-WIDGET-1', name: 'Widget', price: '19.90', stock: 5, description: 'A widget' });
    expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const customerUpdate = await execute(
      api.url,
      UpdateProductDocument,
      { id: created.id, input: { price: '1.00' } },
      { token: api.tokens.alice },
    );
    expectErrorCode(customerUpdate, 'FORBIDDEN');
    const updated = dataOf(
      await execute(
        api.url,
        UpdateProductDocument,
        { id: created.id, input: { price: '24.5', description: null } },
        { token: api.tokens.admin },
      ),
    ).updateProduct;
    expect(updated).toMatchObject({ price: '24.50', description: null, name: 'Widget' });

    expectErrorCode(
      await execute(api.url, RestockProductDocument, { id: created.id, quantity: 3 }, { token: api.tokens.bob }),
      'FORBIDDEN',
    );
    const restocked = dataOf(await execute(api.url, RestockProductDocument, { id: created.id, quantity: 3 }, { token: api.tokens.admin }));
    expect(restocked.restockProduct.stock).toBe(8);

    expectErrorCode(await execute(api.url, DeleteProductDocument, { id: created.id }, { token: api.tokens.alice }), 'FORBIDDEN');
    dataOf(await execute(api.url, DeleteProductDocument, { id: created.id }, { token: api.tokens.admin }));
    expect(dataOf(await execute(api.url, ProductDocument, { id: created.id })).product).toBeNull();
    const listed = dataOf(await execute(api.url, ProductsDocument, { first: 100, filter: { search: 'NEW-WIDGET' } })).products;
    expect(listed.totalCount).toBe(0);
    const admin = { token: api.tokens.admin };
    expectErrorCode(await execute(api.url, UpdateProductDocument, { id: created.id, input: { name: 'Again' } }, admin), 'NOT_FOUND');
    expectErrorCode(await execute(api.url, RestockProductDocument, { id: created.id, quantity: 1 }, admin), 'NOT_FOUND');
    expectErrorCode(await execute(api.url, DeleteProductDocument, { id: created.id }, admin), 'NOT_FOUND');
  });

  it('refuses invalid input with BAD_USER_INPUT and a taken sku with CONFLICT, changing nothing', async () => {
    const before = await productCounts();
    const token = api.tokens.admin;
    for (const bad of [
      { ...input, sku: 'x' },
      { ...input, sku: 'has space' },
      { ...input, name: '   ' },
      { ...input, price: '0' },
      { ...input, price: '-3' },
      { ...input, price: '1.999' },
      { ...input, price: 'ten' },
      { ...input, price: '100000000000' },
      { ...input, stock: -1 },
    ]) {
      expectErrorCode(await execute(api.url, CreateProductDocument, { input: bad }, { token }), 'BAD_USER_INPUT');
    }
    const [existing] = await liveProducts();
    const taken = await execute(api.url, CreateProductDocument, { input: { ...input, sku: existing!.sku.toLowerCase() } }, { token });
    expect(expectErrorCode(taken, 'CONFLICT').extensions).toMatchObject({ field: 'sku' });
    const id = toGlobalId('Product', existing!.id);
    expectErrorCode(await execute(api.url, RestockProductDocument, { id, quantity: 0 }, { token }), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, RestockProductDocument, { id, quantity: 2_147_483_647 }, { token }), 'BAD_USER_INPUT');
    expectErrorCode(await execute(api.url, UpdateProductDocument, { id, input: { price: '0.001' } }, { token }), 'BAD_USER_INPUT');
    expect(await productCounts()).toEqual(before);
    const unchanged = await api.db.product.findUniqueOrThrow({ where: { id: existing!.id } });
    expect(unchanged.price).toEqual(new Prisma.Decimal(existing!.price));
  });
});
