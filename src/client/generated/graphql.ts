/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type OrderFilter = {
  minTotal?: string | null | undefined;
  placedAfter?: string | null | undefined;
  placedBefore?: string | null | undefined;
  status?: OrderStatus | null | undefined;
  /** Only this user's orders. Customers always see only their own: another user's ID gives an empty list. */
  userId?: string | number | null | undefined;
};

export type OrderLineInput = {
  productId: string | number;
  /** 1-10000. Lines for the same product are merged. */
  quantity: number;
};

export type OrderStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'PAID'
  | 'PENDING'
  | 'SHIPPED';

export type PlaceOrderInput = {
  /** Optional client-chosen key (1-255 chars). Replaying the same key with the same input returns the order placed the first time, as it is now (even if since cancelled); the same key with different input fails with IDEMPOTENCY_KEY_REUSED. Keys are scoped to the user the order is for, and concurrent replays place one order. */
  idempotencyKey?: string | null | undefined;
  /** 1-100 lines. */
  items: Array<OrderLineInput>;
  /** Admins may place an order for another user; customers order for themselves. */
  userId?: string | number | null | undefined;
};

export type ProductOrder = {
  direction?: SortDirection;
  field: ProductOrderField;
};

export type ProductOrderField =
  | 'CREATED_AT'
  | 'NAME'
  | 'PRICE';

export type Role =
  | 'ADMIN'
  | 'ANALYST'
  | 'CUSTOMER';

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type AdminOrdersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: OrderFilter | null | undefined;
}>;


export type AdminOrdersQuery = { orders: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, status: OrderStatus, totalPrice: string, itemCount: number, placedAt: string, user: { id: string, email: string, name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type MoveOrderStatusMutationVariables = Exact<{
  id: string | number;
  status: OrderStatus;
}>;


export type MoveOrderStatusMutation = { updateOrderStatus: { id: string, status: OrderStatus } };

export type RevenueByMonthQueryVariables = Exact<{
  year: number;
  timeZone: string;
}>;


export type RevenueByMonthQuery = { revenueByMonth: Array<{ month: string, revenue: string, orderCount: number, itemsSold: number }> };

export type RevenueByDayQueryVariables = Exact<{
  from: string;
  to: string;
  timeZone: string;
}>;


export type RevenueByDayQuery = { revenueByDay: Array<{ day: string, revenue: string, orderCount: number }> };

export type TopProductsQueryVariables = Exact<{
  from: string;
  to: string;
  limit?: number | null | undefined;
}>;


export type TopProductsQuery = { topProducts: Array<{ productName: string, unitsSold: number, revenue: string, product: { id: string, sku: string } | null }> };

export type PageInfoFieldsFragment = { hasNextPage: boolean, endCursor: string | null };

export type ProductCardFragment = { id: string, sku: string, name: string, price: string, stock: number };

export type OrderSummaryFragment = { id: string, status: OrderStatus, totalPrice: string, itemCount: number, placedAt: string, items: Array<{ id: string, productName: string, quantity: number, unitPrice: string, lineTotal: string, product: { id: string } | null }> };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { me: { id: string, email: string, name: string, role: Role } | null };

export type CataloguePageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
  inStock?: boolean | null | undefined;
  orderBy?: ProductOrder | null | undefined;
}>;


export type CataloguePageQuery = { products: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, sku: string, name: string, price: string, stock: number } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ProductPageQueryVariables = Exact<{
  id: string | number;
}>;


export type ProductPageQuery = { product: { description: string | null, updatedAt: string, id: string, sku: string, name: string, price: string, stock: number } | null };

export type MyOrdersQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyOrdersQuery = { me: { id: string, orders: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, status: OrderStatus, totalPrice: string, itemCount: number, placedAt: string, items: Array<{ id: string, productName: string, quantity: number, unitPrice: string, lineTotal: string, product: { id: string } | null }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type PlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type PlaceOrderMutation = { placeOrder: { id: string, status: OrderStatus, totalPrice: string, itemCount: number, placedAt: string, items: Array<{ id: string, productName: string, quantity: number, unitPrice: string, lineTotal: string, product: { id: string } | null }> } };

export type CancelOrderMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelOrderMutation = { cancelOrder: { id: string, status: OrderStatus } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const PageInfoFieldsFragmentDoc = new TypedDocumentString(`
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
    `, {"fragmentName":"PageInfoFields"}) as unknown as TypedDocumentString<PageInfoFieldsFragment, unknown>;
export const ProductCardFragmentDoc = new TypedDocumentString(`
    fragment ProductCard on Product {
  id
  sku
  name
  price
  stock
}
    `, {"fragmentName":"ProductCard"}) as unknown as TypedDocumentString<ProductCardFragment, unknown>;
export const OrderSummaryFragmentDoc = new TypedDocumentString(`
    fragment OrderSummary on Order {
  id
  status
  totalPrice
  itemCount
  placedAt
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
    }
  }
}
    `, {"fragmentName":"OrderSummary"}) as unknown as TypedDocumentString<OrderSummaryFragment, unknown>;
export const AdminOrdersDocument = new TypedDocumentString(`
    query AdminOrders($first: Int = 50, $after: String, $filter: OrderFilter) {
  orders(first: $first, after: $after, filter: $filter) {
    totalCount
    edges {
      cursor
      node {
        id
        status
        totalPrice
        itemCount
        placedAt
        user {
          id
          email
          name
        }
      }
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}`) as unknown as TypedDocumentString<AdminOrdersQuery, AdminOrdersQueryVariables>;
export const MoveOrderStatusDocument = new TypedDocumentString(`
    mutation MoveOrderStatus($id: ID!, $status: OrderStatus!) {
  updateOrderStatus(id: $id, status: $status) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<MoveOrderStatusMutation, MoveOrderStatusMutationVariables>;
export const RevenueByMonthDocument = new TypedDocumentString(`
    query RevenueByMonth($year: Int!, $timeZone: String!) {
  revenueByMonth(year: $year, timeZone: $timeZone) {
    month
    revenue
    orderCount
    itemsSold
  }
}
    `) as unknown as TypedDocumentString<RevenueByMonthQuery, RevenueByMonthQueryVariables>;
export const RevenueByDayDocument = new TypedDocumentString(`
    query RevenueByDay($from: DateTime!, $to: DateTime!, $timeZone: String!) {
  revenueByDay(from: $from, to: $to, timeZone: $timeZone) {
    day
    revenue
    orderCount
  }
}
    `) as unknown as TypedDocumentString<RevenueByDayQuery, RevenueByDayQueryVariables>;
export const TopProductsDocument = new TypedDocumentString(`
    query TopProducts($from: DateTime!, $to: DateTime!, $limit: Int = 10) {
  topProducts(from: $from, to: $to, limit: $limit) {
    product {
      id
      sku
    }
    productName
    unitsSold
    revenue
  }
}
    `) as unknown as TypedDocumentString<TopProductsQuery, TopProductsQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  me {
    id
    email
    name
    role
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const CataloguePageDocument = new TypedDocumentString(`
    query CataloguePage($first: Int = 20, $after: String, $search: String, $inStock: Boolean, $orderBy: ProductOrder) {
  products(
    first: $first
    after: $after
    filter: {search: $search, inStock: $inStock}
    orderBy: $orderBy
  ) {
    totalCount
    edges {
      cursor
      node {
        ...ProductCard
      }
    }
    pageInfo {
      ...PageInfoFields
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment ProductCard on Product {
  id
  sku
  name
  price
  stock
}`) as unknown as TypedDocumentString<CataloguePageQuery, CataloguePageQueryVariables>;
export const ProductPageDocument = new TypedDocumentString(`
    query ProductPage($id: ID!) {
  product(id: $id) {
    ...ProductCard
    description
    updatedAt
  }
}
    fragment ProductCard on Product {
  id
  sku
  name
  price
  stock
}`) as unknown as TypedDocumentString<ProductPageQuery, ProductPageQueryVariables>;
export const MyOrdersDocument = new TypedDocumentString(`
    query MyOrders($first: Int = 10, $after: String) {
  me {
    id
    orders(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...OrderSummary
        }
      }
      pageInfo {
        ...PageInfoFields
      }
    }
  }
}
    fragment PageInfoFields on PageInfo {
  hasNextPage
  endCursor
}
fragment OrderSummary on Order {
  id
  status
  totalPrice
  itemCount
  placedAt
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
    }
  }
}`) as unknown as TypedDocumentString<MyOrdersQuery, MyOrdersQueryVariables>;
export const PlaceOrderDocument = new TypedDocumentString(`
    mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    ...OrderSummary
  }
}
    fragment OrderSummary on Order {
  id
  status
  totalPrice
  itemCount
  placedAt
  items {
    id
    productName
    quantity
    unitPrice
    lineTotal
    product {
      id
    }
  }
}`) as unknown as TypedDocumentString<PlaceOrderMutation, PlaceOrderMutationVariables>;
export const CancelOrderDocument = new TypedDocumentString(`
    mutation CancelOrder($id: ID!) {
  cancelOrder(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<CancelOrderMutation, CancelOrderMutationVariables>;