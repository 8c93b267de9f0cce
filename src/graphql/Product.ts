import { arg, enumType, extendType, idArg, inputObjectType, intArg, nonNull, objectType, stringArg } from 'nexus';
import { idOf } from './global-id';
import { createProduct, deleteProduct, findProduct, listProducts, restockProduct, updateProduct } from '../services/products';
import { connectionTypes } from './connection';
import { Product as ProductModel } from './prisma-model-fields';
import { globalIdField } from './Node';

export const Product = objectType({
  name: ProductModel.$name,
  definition(t) {
    t.implements('Node');
    t.nonNull.field('id', globalIdField('Product'));
    t.field({ ...ProductModel.sku, description: "2-64 characters of A-Z, 0-9 and '-'; lower-case input is stored upper-cased." });
    t.field(ProductModel.name);
    t.field(ProductModel.description);
    t.field(ProductModel.price);
    t.field(ProductModel.stock);
    t.field(ProductModel.createdAt);
    t.field(ProductModel.updatedAt);
  },
});

export const [ProductEdge, ProductConnection] = connectionTypes('Product');

export const ProductFilter = inputObjectType({
  name: 'ProductFilter',
  definition(t) {
    t.string('search', { description: 'Case-insensitive match on name or sku.' });
    t.decimal('minPrice');
    t.decimal('maxPrice');
    t.boolean('inStock');
  },
});

export const ProductOrderField = enumType({ name: 'ProductOrderField', members: ['NAME', 'PRICE', 'CREATED_AT'] });
export const SortDirection = enumType({ name: 'SortDirection', members: ['ASC', 'DESC'] });

export const ProductOrder = inputObjectType({
  name: 'ProductOrder',
  definition(t) {
    t.nonNull.field('field', { type: 'ProductOrderField' });
    t.nonNull.field('direction', { type: 'SortDirection', default: 'ASC' });
  },
});

export const ProductQueries = extendType({
  type: 'Query',
  definition(t) {
    t.field('product', {
      type: 'Product',
      args: { id: nonNull(idArg()) },
      resolve: (_, { id }, ctx) => findProduct(ctx.reader, idOf('Product', id)),
    });
    t.nonNull.field('products', {
      type: 'ProductConnection',
      args: {
        first: intArg({ default: 20 }),
        after: stringArg(),
        filter: arg({ type: 'ProductFilter' }),
        orderBy: arg({ type: 'ProductOrder' }),
      },
      resolve: (_, args, ctx) => listProducts(ctx.reader, args),
    });
  },
});

export const CreateProductInput = inputObjectType({
  name: 'CreateProductInput',
  definition(t) {
    t.nonNull.string('sku');
    t.nonNull.string('name');
    t.string('description');
    t.nonNull.decimal('price');
    t.nonNull.int('stock', { default: 0 });
  },
});

export const UpdateProductInput = inputObjectType({
  name: 'UpdateProductInput',
  definition(t) {
    t.string('name');
    t.string('description');
    t.decimal('price');
  },
});

export const ProductMutations = extendType({
  type: 'Mutation',
  definition(t) {
    t.nonNull.field('createProduct', {
      type: 'Product',
      description: 'Admins only.',
      args: { input: nonNull(arg({ type: 'CreateProductInput' })) },
      resolve: (_, { input }, ctx) => createProduct(ctx.db, ctx.viewer, input),
    });
    t.nonNull.field('updateProduct', {
      type: 'Product',
      description: 'Admins only.',
      args: { id: nonNull(idArg()), input: nonNull(arg({ type: 'UpdateProductInput' })) },
      resolve: (_, { id, input }, ctx) => updateProduct(ctx.db, ctx.viewer, idOf('Product', id), input),
    });
    t.nonNull.field('restockProduct', {
      type: 'Product',
      description: 'Adds quantity (> 0) to the stock; admins only.',
      args: { id: nonNull(idArg()), quantity: nonNull(intArg()) },
      resolve: (_, { id, quantity }, ctx) => restockProduct(ctx.db, ctx.viewer, idOf('Product', id), quantity),
    });
    t.nonNull.field('deleteProduct', {
      type: 'Product',
      description: 'Soft delete; admins only. Past orders keep their lines.',
      args: { id: nonNull(idArg()) },
      resolve: (_, { id }, ctx) => deleteProduct(ctx.db, ctx.viewer, idOf('Product', id)),
    });
  },
});
