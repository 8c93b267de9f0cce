import { objectType } from 'nexus';
import type { Page } from '../services/pagination';

/** The source of every *Connection type: a page from a service. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPage = Page<any>;
/** The source of every *Edge type. */
export interface Edge<T = unknown> {
  cursor: string;
  node: T;
}

const thisModule = new URL(import.meta.url).pathname;

export const PageInfo = objectType({
  name: 'PageInfo',
  sourceType: { module: thisModule, export: 'AnyPage' },
  definition(t) {
    t.nonNull.boolean('hasNextPage');
    t.string('endCursor', { resolve: (page) => page.cursors.at(-1) ?? null });
  },
});

/** `<Node>Edge` and `<Node>Connection` (edges, pageInfo, totalCount) for a node type. */
export function connectionTypes(node: 'User' | 'Product' | 'Order') {
  const edge = objectType({
    name: `${node}Edge`,
    sourceType: { module: thisModule, export: 'Edge' },
    definition(t) {
      t.nonNull.string('cursor');
      // Edge is shared by every connection, so its node is untyped here; the page's service typed it.
      t.nonNull.field('node', { type: node, resolve: (edge) => edge.node as never });
    },
  });
  const connection = objectType({
    name: `${node}Connection`,
    sourceType: { module: thisModule, export: 'AnyPage' },
    definition(t) {
      t.nonNull.list.nonNull.field('edges', {
        type: edge,
        resolve: (page): Edge[] => page.nodes.map((item, index) => ({ cursor: page.cursors[index]!, node: item })),
      });
      t.nonNull.field('pageInfo', { type: PageInfo, resolve: (page) => page });
      t.nonNull.int('totalCount', { resolve: (page) => page.totalCount() });
    },
  });
  return [edge, connection];
}
