import { existsSync, readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, findDangerousChanges, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema as buildServiceSchema } from '../../src/graphql/schema';

// A copy of ../shared/contract/schema.graphql travels with the repository, so that a clone anywhere can
// check the contract; where the shared original sits beside the checkout, the copy must equal it.
const contractCopy = readFileSync(new URL('../contract/schema.graphql', import.meta.url), 'utf8');
const sharedContract = new URL('../../../shared/contract/schema.graphql', import.meta.url);
const contract = buildSchema(contractCopy);
const generatedFile = readFileSync(new URL('../../src/generated/schema.graphql', import.meta.url), 'utf8');

describe('the public contract (../shared/contract/schema.graphql)', () => {
  it.runIf(existsSync(sharedContract))('is copied unchanged into test/contract/', () => {
    expect(contractCopy).toBe(readFileSync(sharedContract, 'utf8'));
  });

  it('is served in full, without a breaking or dangerous change (types, nullability, arguments, defaults)', () => {
    const generated = buildSchema(generatedFile);
    expect(findBreakingChanges(contract, generated).map((change) => change.description)).toEqual([]);
    expect(findDangerousChanges(contract, generated).map((change) => change.description)).toEqual([]);
  });

  it('is what the running schema prints (src/generated/schema.graphql is current)', () => {
    const running = printSchema(lexicographicSortSchema(buildServiceSchema()));
    expect(printSchema(lexicographicSortSchema(buildSchema(generatedFile)))).toBe(running);
  });
});
