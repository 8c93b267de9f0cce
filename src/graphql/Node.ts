import { idArg, interfaceType, nonNull, queryField } from 'nexus';
import type { Order, OrderItem, Product, User } from '../generated/prisma';
import type { Context } from './context';
import type { NodeType } from './global-id';
import { fromGlobalId, toGlobalId } from './global-id';
import { findProduct } from '../services/products';
import { findVisibleOrder } from '../services/orders';
import { findVisibleUser } from '../services/users';
import { findVisibleOrderItem } from '../services/order-items';

const NODE_TYPE = Symbol('nodeType');
type Tagged = { [NODE_TYPE]?: NodeType };

export const Node = interfaceType({
  name: 'Node',
  definition(t) {
    t.nonNull.id('id');
  },
  resolveType: (source) => (source as Tagged)[NODE_TYPE] ?? null,
});

/** The `id: ID!` of a Node type: its opaque global ID. */
export function globalIdField(type: NodeType) {
  return { type: nonNull('ID'), resolve: (row: { id: number }) => toGlobalId(type, row.id) } as const;
}

type NodeSource = User | Product | Order | OrderItem;
const finders: Record<NodeType, (ctx: Context, id: number) => Promise<NodeSource | null>> = {
  User: (ctx, id) => findVisibleUser(ctx.reader, ctx.viewer, id),
  Product: (ctx, id) => findProduct(ctx.reader, id),
  Order: (ctx, id) => findVisibleOrder(ctx.reader, ctx.viewer, id),
  OrderItem: (ctx, id) => findVisibleOrderItem(ctx.reader, ctx.viewer, id),
};

export const NodeQuery = queryField('node', {
  type: 'Node',
  args: { id: nonNull(idArg()) },
  async resolve(_, { id }, ctx) {
    const { type, id: rowId } = fromGlobalId(id);
    const row = await finders[type](ctx, rowId);
    return row && Object.assign(row, { [NODE_TYPE]: type });
  },
});
