/**
 * What only a server shows about the query limits: a document one past each limit is answered
 * with HTTP 400 and its code, and runs no SQL at all (anonymous requests: no token lookup either).
 * That each limit sits exactly at its value is test/unit/query-limits.test.ts, without a server.
 */
import { describe, expect, it } from 'vitest';
import { QUERY_LIMITS } from '../../src/graphql/limits';
import { useTestApi } from '../support/api';
import { aliases, directives, documentOfDepth, selections, tokens } from '../support/limit-documents';
import { postQuery, type RawResponse } from '../support/raw-http';

const api = useTestApi();

/** Sends `query` anonymously, asserting that no SQL ran. */
async function refusedWithoutSql(query: string): Promise<RawResponse> {
  let response: RawResponse | undefined;
  expect(await api.countStatements(async () => (response = await postQuery(api.url, query)))).toBe(0);
  return response!;
}

async function expectRefused(query: string, rule: string, limit: number) {
  const response = await refusedWithoutSql(query);
  expect(response.status).toBe(400);
  expect(
    response.json?.errors?.map((error) => error.extensions?.code),
    response.text.slice(0, 300),
  ).toEqual(['QUERY_TOO_COMPLEX']);
  expect(response.json?.errors?.[0]?.extensions).toMatchObject({ rule, limit });
  expect(response.json?.errors?.[0]?.extensions?.cost).toBeGreaterThan(limit); // RUNTIME.md: `cost` and `limit`, always
  expect(response.json?.errors?.[0]?.message).not.toMatch(/syntax error/i);
}

async function expectParseFailed(query: string) {
  const response = await refusedWithoutSql(query);
  expect(response.status).toBe(400);
  expect(response.json?.errors?.map((error) => error.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
  return response;
}

describe('query limits over HTTP: one past each is a 400 that runs nothing', () => {
  it.each([
    ['depth', documentOfDepth(QUERY_LIMITS.maxDepth + 1), QUERY_LIMITS.maxDepth],
    ['aliases', aliases(QUERY_LIMITS.maxAliases + 1), QUERY_LIMITS.maxAliases],
    ['directives', directives(QUERY_LIMITS.maxDirectives + 1), QUERY_LIMITS.maxDirectives],
    ['selections', selections(QUERY_LIMITS.maxSelections, true), QUERY_LIMITS.maxSelections],
  ])('%s: QUERY_TOO_COMPLEX with the rule and its limit', async (rule, query, limit) => {
    await expectRefused(query, rule, limit);
  });

  it(`tokens, checked while parsing: ${QUERY_LIMITS.maxTokens + 1} are GRAPHQL_PARSE_FAILED`, async () => {
    const response = await expectParseFailed(tokens(QUERY_LIMITS.maxTokens + 1));
    expect(response.json?.errors?.[0]?.message).toMatch(new RegExp(`more th\\w+ ${QUERY_LIMITS.maxTokens} tokens`));
  });

  it('nesting far past the token limit (20,000 list brackets) is a 400 parse failure, not a stack overflow', async () => {
    const response = await expectParseFailed(
      `{ products(filter: { search: ${'['.repeat(20_000)}"x"${']'.repeat(20_000)} }) { totalCount } }`,
    );
    expect(response.text).not.toMatch(/call stack/i);
  });
});
