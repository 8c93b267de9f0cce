/**
 * Each query limit just at its value and one past it, with documents generated from the exported
 * values (as graphql-armor tests its plugins). Anonymous requests: a refused one runs no SQL at all.
 */
import { Lexer, Source, TokenKind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../src/graphql/limits';
import { useTestApi } from '../support/api';
import { postQuery, type RawResponse } from '../support/raw-http';

const api = useTestApi();

/** `{ me { orders { edges { node { user { orders ... } } } } } }` with its leaf at `depth`. */
function documentOfDepth(depth: number): string {
  const chain = ['orders(first: 1)', 'edges', 'node', 'user'];
  const leaf: Record<string, string> = { 'orders(first: 1)': 'totalCount', edges: 'cursor', node: 'id', user: 'id', me: 'id' };
  const fields = ['me', ...Array.from({ length: depth - 2 }, (_, index) => chain[index % chain.length]!)];
  return `{ ${fields.map((field) => `${field} {`).join(' ')} ${leaf[fields.at(-1)!]} ${'}'.repeat(fields.length)} }`;
}

const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(' ')} }`;
const directives = (count: number) => `{ ${'version @include(if: true) '.repeat(count)}}`;
/**
 * Exactly `count` tokens: `{ ...F0 ... }` with fragments `fragment Fi on Query { version }` (9 tokens
 * with the spread) and `version` fields for the rest. (Hundreds of copies of one field would hit graphql-js's
 * own budget for comparing overlapping fields instead.)
 */
function tokens(count: number): string {
  const fragments = Math.floor((count - 2) / 9);
  const rest = count - 2 - 9 * fragments;
  const names = Array.from({ length: fragments }, (_, index) => `F${index}`);
  return `{ ${names.map((name) => `...${name}`).join(' ')} ${'version '.repeat(rest)}} ${names.map((name) => `fragment ${name} on Query { version }`).join(' ')}`;
}
/** `fragments` spreads of a fragment of `fields` fields: fragments x (1 + fields) selections once spread. */
const selections = (fragments: number, fields: number) =>
  `{ ${'...F '.repeat(fragments)}} fragment F on Query { ${Array.from({ length: fields }, () => 'version').join(' ')} }`;

function countTokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

async function expectRefused(response: RawResponse, rule: string, limit: number) {
  expect(response.status).toBe(400);
  expect(response.json?.errors?.map((error) => error.extensions?.code), response.text.slice(0, 300)).toEqual(['QUERY_TOO_COMPLEX']);
  expect(response.json?.errors?.[0]?.extensions).toMatchObject({ rule, limit });
  expect(response.json?.errors?.[0]?.message).not.toMatch(/syntax error/i);
}

async function expectRuns(query: string) {
  const response = await postQuery(api.url, query);
  expect(response.status, response.text.slice(0, 300)).toBe(200);
  expect(response.json?.errors).toBeUndefined();
}

/** Sends `query` anonymously, asserting that no SQL ran. */
async function refusedWithoutSql(query: string): Promise<RawResponse> {
  let response: RawResponse | undefined;
  expect(await api.countStatements(async () => (response = await postQuery(api.url, query)))).toBe(0);
  return response!;
}

describe('query limits, each at its value and one past it', () => {
  it(`depth: ${QUERY_LIMITS.maxDepth} runs, ${QUERY_LIMITS.maxDepth + 1} is QUERY_TOO_COMPLEX`, async () => {
    await expectRuns(documentOfDepth(QUERY_LIMITS.maxDepth));
    await expectRefused(await refusedWithoutSql(documentOfDepth(QUERY_LIMITS.maxDepth + 1)), 'depth', QUERY_LIMITS.maxDepth);
  });

  it(`aliases, __typename included: ${QUERY_LIMITS.maxAliases} run, ${QUERY_LIMITS.maxAliases + 1} (and 300) are QUERY_TOO_COMPLEX`, async () => {
    await expectRuns(aliases(QUERY_LIMITS.maxAliases));
    await expectRefused(await refusedWithoutSql(aliases(QUERY_LIMITS.maxAliases + 1)), 'aliases', QUERY_LIMITS.maxAliases);
    await expectRefused(await refusedWithoutSql(aliases(300)), 'aliases', QUERY_LIMITS.maxAliases);
    // 500 of them (1,500 tokens) no longer even parse.
    expect((await refusedWithoutSql(aliases(500))).json?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it(`directives: ${QUERY_LIMITS.maxDirectives} run, ${QUERY_LIMITS.maxDirectives + 1} are QUERY_TOO_COMPLEX`, async () => {
    await expectRuns(directives(QUERY_LIMITS.maxDirectives));
    await expectRefused(await refusedWithoutSql(directives(QUERY_LIMITS.maxDirectives + 1)), 'directives', QUERY_LIMITS.maxDirectives);
  });

  it(`selections once fragments are spread: ${QUERY_LIMITS.maxSelections} run, one more is QUERY_TOO_COMPLEX`, async () => {
    // 100 spreads of a fragment of 99 fields: 100 x (1 + 99) selections.
    const atLimit = selections(100, QUERY_LIMITS.maxSelections / 100 - 1);
    await expectRuns(atLimit);
    await expectRefused(await refusedWithoutSql(atLimit.replace('{ ...F', '{ version ...F')), 'selections', QUERY_LIMITS.maxSelections);
  });

  it(`tokens, checked while parsing: ${QUERY_LIMITS.maxTokens} parse, ${QUERY_LIMITS.maxTokens + 1} are GRAPHQL_PARSE_FAILED (400)`, async () => {
    expect(countTokens(tokens(QUERY_LIMITS.maxTokens))).toBe(QUERY_LIMITS.maxTokens);
    expect(countTokens(tokens(QUERY_LIMITS.maxTokens + 1))).toBe(QUERY_LIMITS.maxTokens + 1);
    await expectRuns(tokens(QUERY_LIMITS.maxTokens));
    const response = await refusedWithoutSql(tokens(QUERY_LIMITS.maxTokens + 1));
    expect(response.status).toBe(400);
    expect(response.json?.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(response.json?.errors?.[0]?.message).toMatch(new RegExp(`more th\\w+ ${QUERY_LIMITS.maxTokens} tokens`));
  });

  it('nesting far past the token limit (20,000 list brackets) is a 400 parse failure, not a stack overflow', async () => {
    const response = await refusedWithoutSql(`{ products(filter: { search: ${'['.repeat(20_000)}"x"${']'.repeat(20_000)} }) { totalCount } }`);
    expect(response.status).toBe(400);
    expect(response.json?.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(response.text).not.toMatch(/call stack/i);
  });
});
