/**
 * Each query limit exactly at its value and one past it, with documents built from the exported
 * values (as graphql-armor tests its plugins): parsed with the server's parse options, validated
 * with its validation rules against the schema, and priced by its cost check. No server, no
 * database; test/integration/query-limits.test.ts shows the refusals reach clients as 400s.
 */
import { GraphQLError, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costRefusal } from '../../src/graphql/cost';
import { QUERY_LIMITS, queryLimits } from '../../src/graphql/limits';
import { buildSchema } from '../../src/graphql/schema';
import { aliases, countTokens, directives, documentOfCost, documentOfDepth, selections, tokens } from '../support/limit-documents';

const schema = buildSchema();
const { parseOptions, validationRules } = queryLimits(true);

/** The refusals the server would answer `document` with before running it: [] when it may run. */
function refusals(document: string): Record<string, unknown>[] {
  const parsed = parse(document, parseOptions);
  const errors: readonly GraphQLError[] = validate(schema, parsed, [...specifiedRules, ...validationRules]);
  const refusal = errors.length ? undefined : costRefusal(QUERY_LIMITS, schema, parsed, {}, null);
  return [...errors, ...(refusal ? [refusal] : [])].map((error) => ({ message: error.message, ...error.extensions }));
}

// RUNTIME.md: every QUERY_TOO_COMPLEX carries `cost` and `limit`; past a limit, the cost is past it too.
const refusedBy = (rule: string, limit: number) => [
  expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', rule, limit, cost: expect.toSatisfy((cost: number) => cost > limit) }),
];

describe('query limits, each at its value and one past it', () => {
  it(`depth: ${QUERY_LIMITS.maxDepth} runs, ${QUERY_LIMITS.maxDepth + 1} is refused`, () => {
    expect(refusals(documentOfDepth(QUERY_LIMITS.maxDepth))).toEqual([]);
    expect(refusals(documentOfDepth(QUERY_LIMITS.maxDepth + 1))).toEqual(refusedBy('depth', QUERY_LIMITS.maxDepth));
  });

  it(`aliases, __typename included: ${QUERY_LIMITS.maxAliases} run, ${QUERY_LIMITS.maxAliases + 1} (and 300) are refused`, () => {
    expect(refusals(aliases(QUERY_LIMITS.maxAliases))).toEqual([]);
    expect(refusals(aliases(QUERY_LIMITS.maxAliases + 1))).toEqual(refusedBy('aliases', QUERY_LIMITS.maxAliases));
    expect(refusals(aliases(300))).toEqual(refusedBy('aliases', QUERY_LIMITS.maxAliases));
  });

  it(`directives: ${QUERY_LIMITS.maxDirectives} run, ${QUERY_LIMITS.maxDirectives + 1} are refused`, () => {
    expect(refusals(directives(QUERY_LIMITS.maxDirectives))).toEqual([]);
    expect(refusals(directives(QUERY_LIMITS.maxDirectives + 1))).toEqual(refusedBy('directives', QUERY_LIMITS.maxDirectives));
  });

  it(`tokens, while parsing: ${QUERY_LIMITS.maxTokens} parse, ${QUERY_LIMITS.maxTokens + 1} do not`, () => {
    expect(countTokens(tokens(QUERY_LIMITS.maxTokens))).toBe(QUERY_LIMITS.maxTokens);
    expect(countTokens(tokens(QUERY_LIMITS.maxTokens + 1))).toBe(QUERY_LIMITS.maxTokens + 1);
    expect(refusals(tokens(QUERY_LIMITS.maxTokens))).toEqual([]);
    expect(() => parse(tokens(QUERY_LIMITS.maxTokens + 1), parseOptions)).toThrow(
      new RegExp(`more th\\w+ ${QUERY_LIMITS.maxTokens} tokens`),
    ); // graphql-js says "more that"
    // 500 aliases (1,500 tokens) are refused while parsing, before the alias limit is looked at.
    expect(() => parse(aliases(500), parseOptions)).toThrow(GraphQLError);
  });

  it(`cost: ${QUERY_LIMITS.maxCost} runs, ${QUERY_LIMITS.maxCost + 1} is refused with its cost`, () => {
    expect(refusals(documentOfCost(QUERY_LIMITS.maxCost))).toEqual([]);
    expect(refusals(documentOfCost(QUERY_LIMITS.maxCost + 1))).toEqual([
      expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', rule: 'cost', cost: QUERY_LIMITS.maxCost + 1, limit: QUERY_LIMITS.maxCost }),
    ]);
  });

  it(`selections once fragments are spread: ${QUERY_LIMITS.maxSelections} run, one more is refused`, () => {
    expect(refusals(selections(QUERY_LIMITS.maxSelections))).toEqual([]);
    expect(refusals(selections(QUERY_LIMITS.maxSelections, true))).toEqual(refusedBy('selections', QUERY_LIMITS.maxSelections));
  });

  it('says how to fix a refusal, never "Syntax Error"', () => {
    for (const document of [
      documentOfDepth(QUERY_LIMITS.maxDepth + 1),
      aliases(QUERY_LIMITS.maxAliases + 1),
      directives(QUERY_LIMITS.maxDirectives + 1),
    ]) {
      const [refusal] = refusals(document);
      expect(refusal?.message).toMatch(/Split the operation/);
      expect(refusal?.message).not.toMatch(/syntax error/i);
    }
  });
});
