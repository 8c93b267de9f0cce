import type { LoadRequest } from './wrk';

/** The key both benches sign their tokens with (production refuses shorter ones). */
export const BENCH_JWT_SECRET = 'bench-secret-of-at-least-thirty-two-characters';

/** The operations the benches load the service with. */
export const BENCH_QUERIES = {
  nested: '{ orders(first: 50) { edges { node { id totalPrice status user { name } items { quantity unitPrice product { name } } } } } }',
  point: 'query($id: ID!) { order(id: $id) { id status totalPrice placedAt user { email } items { productName quantity unitPrice } } }',
  floor: '{ __typename }',
  checkout: 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id totalPrice } }',
};

/** A GraphQL POST for wrk to repeat. */
export function graphqlRequest(query: string, variables?: unknown, token?: string): LoadRequest {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    bodies: [JSON.stringify({ query, variables })],
  };
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function printTable(title: string, header: string[], rows: (string | number)[][]) {
  console.log(`\n${title}`);
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => String(row[index]).length)));
  const line = (cells: (string | number)[]) => cells.map((cell, index) => String(cell).padStart(widths[index]!)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}
