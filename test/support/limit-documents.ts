/**
 * Documents built from a limit's value, to sit exactly at it or one past it (as graphql-armor
 * tests its plugins): test/unit/query-limits.test.ts checks them without a server,
 * test/integration/query-limits.test.ts sends the ones past a limit over HTTP.
 */
import { Lexer, Source, TokenKind } from 'graphql';

/** `{ me { orders { edges { node { user { orders ... } } } } } }` with its leaf at `depth`. */
export function documentOfDepth(depth: number): string {
  const chain = ['orders(first: 1)', 'edges', 'node', 'user'];
  const leaf: Record<string, string> = { 'orders(first: 1)': 'totalCount', edges: 'cursor', node: 'id', user: 'id', me: 'id' };
  const fields = ['me', ...Array.from({ length: depth - 2 }, (_, index) => chain[index % chain.length]!)];
  return `{ ${fields.map((field) => `${field} {`).join(' ')} ${leaf[fields.at(-1)!]} ${'}'.repeat(fields.length)} }`;
}

export const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(' ')} }`;
export const directives = (count: number) => `{ ${'version @include(if: true) '.repeat(count)}}`;

/**
 * Exactly `count` tokens: `{ ...F0 ... }` with fragments `fragment Fi on Query { version }` (9 tokens
 * with the spread) and `version` fields for the rest. (Hundreds of copies of one field would hit graphql-js's
 * own budget for comparing overlapping fields instead.)
 */
export function tokens(count: number): string {
  const fragments = Math.floor((count - 2) / 9);
  const rest = count - 2 - 9 * fragments;
  const names = Array.from({ length: fragments }, (_, index) => `F${index}`);
  return `{ ${names.map((name) => `...${name}`).join(' ')} ${'version '.repeat(rest)}} ${names.map((name) => `fragment ${name} on Query { version }`).join(' ')}`;
}

export function countTokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/** 100 spreads of a fragment of `maxSelections / 100 - 1` fields: exactly `maxSelections` selections once spread; `past` adds one. */
export function selections(maxSelections: number, past = false): string {
  const fields = Array.from({ length: maxSelections / 100 - 1 }, () => 'version').join(' ');
  return `{ ${past ? 'version ' : ''}${'...F '.repeat(100)}} fragment F on Query { ${fields} }`;
}

/**
 * An operation of exactly `cost` (src/graphql/cost.ts): aliased `orders(first: m)` with their
 * lines (1 + 101 m each), then one `products(first: k)` page (1 + k) for the rest.
 */
export function documentOfCost(cost: number): string {
  const fields: string[] = [];
  let left = cost;
  while (left > 101) {
    const orders = Math.min(100, Math.floor((left - 2) / 101));
    fields.push(`orders(first: ${orders}) { edges { node { items { id } } } }`);
    left -= 1 + 101 * orders;
  }
  if (left > 0) fields.push(`products(first: ${left - 1}) { edges { node { id } } }`);
  return `{ ${fields.map((field, index) => `f${index}: ${field}`).join(' ')} }`;
}
