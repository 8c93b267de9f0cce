import { arg, enumType, extendType, idArg, inputObjectType, intArg, nonNull, objectType, stringArg } from 'nexus';
import { idOf } from './global-id';
import { placeOrder } from '../services/checkout';
import { cancelOrder, updateOrderStatus } from '../services/order-status';
import { findVisibleOrder, listOrders } from '../services/orders';
import { connectionTypes } from './connection';
import { Order as OrderModel, OrderStatus } from './prisma-model-fields';
import { globalIdField } from './Node';

export const OrderStatusEnum = enumType(OrderStatus);

export const Order = objectType({
  name: OrderModel.$name,
  definition(t) {
    t.implements('Node');
    t.nonNull.field('id', globalIdField('Order'));
    t.field(OrderModel.status);
    t.field({ ...OrderModel.totalPrice, description: "Sum of the lines' unitPrice * quantity, fixed when the order is placed." });
    t.field(OrderModel.placedAt);
    t.nonNull.field('user', {
      type: 'User',
      resolve: async (order, _, ctx) => (await ctx.loaders.userById.load(order.userId))!,
    });
    t.nonNull.list.nonNull.field('items', {
      type: 'OrderItem',
      resolve: (order, _, ctx) => ctx.loaders.itemsByOrderId.load(order.id),
    });
    t.nonNull.int('itemCount', {
      description: "Units ordered: the sum of the lines' quantities.",
      resolve: async (order, _, ctx) => (await ctx.loaders.itemsByOrderId.load(order.id)).reduce((sum, item) => sum + item.quantity, 0),
    });
  },
});

export const [OrderEdge, OrderConnection] = connectionTypes('Order');

export const OrderFilter = inputObjectType({
  name: 'OrderFilter',
  definition(t) {
    t.field('status', { type: 'OrderStatus' });
    t.id('userId', { description: "Only this user's orders. Customers always see only their own: another user's ID gives an empty list." });
    t.dateTime('placedAfter');
    t.dateTime('placedBefore');
    t.decimal('minTotal');
  },
});

export const OrderQueries = extendType({
  type: 'Query',
  definition(t) {
    t.field('order', {
      type: 'Order',
      description: 'The order, if the viewer may see it (its owner or an admin).',
      args: { id: nonNull(idArg()) },
      resolve: (_, { id }, ctx) => findVisibleOrder(ctx.reader, ctx.viewer, idOf('Order', id)),
    });
    t.nonNull.field('orders', {
      type: 'OrderConnection',
      description: 'Admins see all orders; customers see their own. Newest first.',
      args: { first: intArg({ default: 20 }), after: stringArg(), filter: arg({ type: 'OrderFilter' }) },
      resolve: (_, { filter, ...page }, ctx) =>
        listOrders(ctx.reader, ctx.viewer, {
          ...page,
          filter: filter && { ...filter, userId: filter.userId == null ? null : idOf('User', filter.userId, 'filter.userId') },
        }),
    });
  },
});

export const OrderLineInput = inputObjectType({
  name: 'OrderLineInput',
  definition(t) {
    t.nonNull.id('productId');
    t.nonNull.int('quantity', { description: '1-10000. Lines for the same product are merged.' });
  },
});

export const PlaceOrderInput = inputObjectType({
  name: 'PlaceOrderInput',
  definition(t) {
    t.nonNull.list.nonNull.field('items', { type: 'OrderLineInput', description: '1-100 lines.' });
    t.string('idempotencyKey', {
      description:
        'Optional client-chosen key (1-255 chars). Replaying the same key with the same input returns the order placed ' +
        'the first time, as it is now (even if since cancelled); the same key with different input fails with ' +
        'IDEMPOTENCY_KEY_REUSED. Keys are scoped to the user the order is for, and concurrent replays place one order.',
    });
    t.id('userId', { description: 'Admins may place an order for another user; customers order for themselves.' });
  },
});

export const OrderMutations = extendType({
  type: 'Mutation',
  definition(t) {
    t.nonNull.field('placeOrder', {
      type: 'Order',
      description:
        "Places an order atomically: every line's stock is taken or none is. Fails with INSUFFICIENT_STOCK " +
        '(extensions: productId, requested, available) and changes nothing.',
      args: { input: nonNull(arg({ type: 'PlaceOrderInput' })) },
      resolve: (_, { input }, ctx) =>
        placeOrder(ctx.db, ctx.viewer, {
          ...input,
          items: input.items.map((line) => ({ ...line, productId: idOf('Product', line.productId, 'productId') })),
          userId: input.userId == null ? null : idOf('User', input.userId, 'userId'),
        }),
    });
    t.nonNull.field('cancelOrder', {
      type: 'Order',
      description:
        'Cancels a PENDING or PAID order and puts its stock back. The owner or an admin. ' +
        'Any other status fails with INVALID_STATE_TRANSITION.',
      args: { id: nonNull(idArg()) },
      resolve: (_, { id }, ctx) => cancelOrder(ctx.db, ctx.viewer, idOf('Order', id)),
    });
    t.nonNull.field('updateOrderStatus', {
      type: 'Order',
      description:
        'Moves an order along PENDING -> PAID -> SHIPPED -> DELIVERED; admins only. Any other move fails with INVALID_STATE_TRANSITION.',
      args: { id: nonNull(idArg()), status: nonNull(arg({ type: 'OrderStatus' })) },
      resolve: (_, { id, status }, ctx) => updateOrderStatus(ctx.db, ctx.viewer, idOf('Order', id), status),
    });
  },
});
