import { objectType } from 'nexus';
import { liveOrNull } from '../db/live';
import { OrderItem as OrderItemModel } from './prisma-model-fields';
import { globalIdField } from './Node';

export const OrderItem = objectType({
  name: OrderItemModel.$name,
  definition(t) {
    t.implements('Node');
    t.nonNull.field('id', globalIdField('OrderItem'));
    t.field({ ...OrderItemModel.productName, description: "Snapshot of the product's name when the order was placed." });
    t.field(OrderItemModel.quantity);
    t.field({ ...OrderItemModel.unitPrice, description: "Snapshot of the product's price when the order was placed." });
    t.nonNull.decimal('lineTotal', { resolve: (item) => item.unitPrice.mul(item.quantity) });
    t.field('product', {
      type: 'Product',
      description: 'The product as it is now; null if it has since been deleted.',
      resolve: async (item, _, ctx) => liveOrNull(await ctx.loaders.productById.load(item.productId)),
    });
  },
});
