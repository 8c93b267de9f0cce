import type { Database } from '../db/client';
import { sqlState } from '../db/errors';
import { live, liveOrNull } from '../db/live';
import type { Reader } from '../db/reader';
import { countProducts, productsPage, type ProductsFilter } from '../db/reads/pages';
import { productById } from '../db/reads/rows';
import type { Prisma, Product } from '../generated/prisma';
import { BadUserInputError, NotFoundError, uniqueOn } from './errors';
import { cursorDate, cursorDecimal, cursorText, decodeCursor, lazyCount, pageSize, toPage, type Page, type PageArgs } from './pagination';
import * as valid from './validation';
import { requireRole, type Viewer } from './viewer';

export type ProductSortField = 'NAME' | 'PRICE' | 'CREATED_AT';
export interface ProductFilter {
  search?: string | null;
  minPrice?: Prisma.Decimal | null;
  maxPrice?: Prisma.Decimal | null;
  inStock?: boolean | null;
}
export interface ProductOrder {
  field: ProductSortField;
  direction: 'ASC' | 'DESC';
}

const SORT_COLUMN = { NAME: 'name', PRICE: 'price', CREATED_AT: 'created_at' } as const;
const DEFAULT_ORDER: ProductOrder = { field: 'CREATED_AT', direction: 'ASC' };
const NUMERIC_VALUE_OUT_OF_RANGE = '22003';

function filterOf(filter: ProductFilter | null | undefined): ProductsFilter {
  const where: ProductsFilter = {};
  if (!filter) return where;
  // Matched with ILIKE: escape its wildcards so that "%" means a percent sign.
  const search = filter.search?.trim().replace(/[\\%_]/g, '\\$&');
  if (search) where.search = search;
  if (filter.minPrice != null) where.minPrice = valid.moneyBound(filter.minPrice, 'minPrice');
  if (filter.maxPrice != null) where.maxPrice = valid.moneyBound(filter.maxPrice, 'maxPrice');
  if (filter.inStock != null) where.inStock = filter.inStock;
  return where;
}

function sortKey(product: Product, field: ProductSortField): string | number {
  if (field === 'PRICE') return product.price.toFixed(2);
  if (field === 'CREATED_AT') return product.createdAt.toISOString();
  return product.name;
}

/**
 * A page of live (not deleted) products, filtered and sorted, with keyset cursors. Anyone may read.
 * @throws BAD_USER_INPUT (page size, cursor, price bounds).
 */
export async function listProducts(
  reader: Reader,
  args: PageArgs & { filter?: ProductFilter | null; orderBy?: ProductOrder | null },
): Promise<Page<Product>> {
  const size = pageSize(args.first);
  const order = args.orderBy ?? DEFAULT_ORDER;
  const orderName = `products:${order.field}:${order.direction}`;
  const where = filterOf(args.filter);
  const cursor = decodeCursor(args.after, orderName);
  const toKey = { NAME: cursorText, PRICE: cursorDecimal, CREATED_AT: cursorDate }[order.field];
  const after = cursor && { key: toKey(cursor.key), id: cursor.id };
  const sort = { column: SORT_COLUMN[order.field], descending: order.direction === 'DESC' };
  const rows = await productsPage(reader, where, sort, after, size + 1);
  return {
    ...toPage(rows, size, orderName, (row) => sortKey(row, order.field)),
    totalCount: lazyCount(() => countProducts(reader, where)),
  };
}

/**
 * A live product, or null. Anyone may read.
 * @throws nothing of its own: database failures pass through.
 */
export async function findProduct(reader: Reader, id: number): Promise<Product | null> {
  return liveOrNull(await productById(reader, id));
}

/**
 * Creates a product (admins only); skus stay unique.
 * @throws UNAUTHENTICATED, FORBIDDEN; BAD_USER_INPUT (invalid fields); CONFLICT (field: sku) on a taken sku.
 */
export async function createProduct(
  db: Database,
  viewer: Viewer,
  input: { sku: string; name: string; description?: string | null; price: Prisma.Decimal; stock?: number | null },
): Promise<Product> {
  requireRole(viewer, 'ADMIN');
  const data = {
    sku: valid.sku(input.sku),
    name: valid.name(input.name),
    description: valid.description(input.description ?? null),
    price: valid.price(input.price),
    stock: valid.integerInRange(input.stock ?? 0, 0, valid.INT_MAX, 'stock'),
  };
  return uniqueOn('sku', 'A product with this sku already exists.', () => db.product.create({ data }));
}

/**
 * Changes a live product's name, description or price (admins only); past order lines keep their snapshots.
 * @throws UNAUTHENTICATED, FORBIDDEN; BAD_USER_INPUT; NOT_FOUND (no live product).
 */
export async function updateProduct(
  db: Database,
  viewer: Viewer,
  id: number,
  input: { name?: string | null; description?: string | null; price?: Prisma.Decimal | null },
): Promise<Product> {
  requireRole(viewer, 'ADMIN');
  const data: Prisma.ProductUpdateManyMutationInput = {};
  if (input.name != null) data.name = valid.name(input.name);
  if (input.description !== undefined) data.description = valid.description(input.description);
  if (input.price != null) data.price = valid.price(input.price);
  return updateLiveProduct(db, id, data);
}

/**
 * Adds `quantity` (> 0) to a live product's stock in one statement (admins only).
 * @throws UNAUTHENTICATED, FORBIDDEN; BAD_USER_INPUT (quantity, or stock past 2^31 - 1); NOT_FOUND.
 */
export async function restockProduct(db: Database, viewer: Viewer, id: number, quantity: number): Promise<Product> {
  requireRole(viewer, 'ADMIN');
  valid.integerInRange(quantity, 1, valid.INT_MAX, 'quantity');
  try {
    return await updateLiveProduct(db, id, { stock: { increment: quantity } });
  } catch (error) {
    if (sqlState(error) === NUMERIC_VALUE_OUT_OF_RANGE) {
      throw new BadUserInputError(`Stock cannot exceed ${valid.INT_MAX}.`, 'quantity');
    }
    throw error;
  }
}

/**
 * Soft-deletes a live product (admins only): it leaves lists and lookups, past order lines keep it.
 * @throws UNAUTHENTICATED, FORBIDDEN; NOT_FOUND (no live product).
 */
export async function deleteProduct(db: Database, viewer: Viewer, id: number): Promise<Product> {
  requireRole(viewer, 'ADMIN');
  return updateLiveProduct(db, id, { deletedAt: new Date() });
}

async function updateLiveProduct(db: Database, id: number, data: Prisma.ProductUpdateManyMutationInput): Promise<Product> {
  const { count } = await db.product.updateMany({ where: { id, ...live }, data });
  if (count === 0) throw new NotFoundError('Product');
  return db.product.findUniqueOrThrow({ where: { id } });
}
