/**
 * The order service's typed client, for front ends, serverless and edge code: `fetch` only, no
 * Node APIs, no GraphQL library at run time.
 *
 *   const client = createClient({ url: '/graphql', token: () => session.token });
 *   const { products } = await client.request(CataloguePageDocument, { search: 'mug' });
 *
 * Operations live in ./operations/*.graphql; `npm run generate` types them into ./generated.
 */
export { createClient, type ClientOptions, type OrderServiceClient, type Operation, type RequestOptions, type TokenSource } from './client';
export {
  OrderServiceError,
  isOrderServiceError,
  parseRetryAfter,
  type ErrorCode,
  type ErrorExtensionsByCode,
  type ServiceError,
  type ServiceErrorOf,
} from './errors';
export { newIdempotencyKey, withRetry, type RetryOptions } from './retry';
export * from './generated/graphql';
