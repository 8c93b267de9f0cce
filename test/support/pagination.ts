import { expect } from 'vitest';

interface ConnectionPage<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount: number;
}

/**
 * Follows `after` cursors until hasNextPage is false and returns every node in order, checking
 * on the way that each page is at most `size` long and that endCursor is the last edge's cursor.
 */
export async function walkConnection<N>(size: number, fetchPage: (after: string | null) => Promise<ConnectionPage<N>>): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 10_000; pages += 1) {
    const page: ConnectionPage<N> = await fetchPage(after);
    expect(page.edges.length).toBeLessThanOrEqual(size);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return nodes;
    expect(page.edges.length).toBe(size);
    after = page.pageInfo.endCursor ?? null;
    expect(after).toBe(page.edges.at(-1)!.cursor);
  }
  throw new Error('pagination did not end');
}
