import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema as buildServiceSchema } from '../../src/graphql/schema';

const contract = buildSchema(readFileSync(new URL('../../../shared/contract/schema.graphql', import.meta.url), 'utf8'));
const generatedFile = readFileSync(new URL('../../src/generated/schema.graphql', import.meta.url), 'utf8');

describe('the public contract (../shared/contract/schema.graphql)', () => {
  it('is served in full, without a breaking change', () => {
    expect(findBreakingChanges(contract, buildSchema(generatedFile)).map((change) => change.description)).toEqual([]);
  });

  it('is what the running schema prints (src/generated/schema.graphql is current)', () => {
    const running = printSchema(lexicographicSortSchema(buildServiceSchema()));
    expect(printSchema(lexicographicSortSchema(buildSchema(generatedFile)))).toBe(running);
  });
});
