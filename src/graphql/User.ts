import { arg, enumType, extendType, idArg, inputObjectType, intArg, nonNull, objectType, stringArg } from 'nexus';
import { idOf } from './global-id';
import { createUser, deleteUser, listUsers, updateUser } from '../services/users';
import { connectionTypes } from './connection';
import { Role, User as UserModel } from './prisma-model-fields';
import { globalIdField } from './Node';

export const RoleEnum = enumType(Role);

export const User = objectType({
  name: UserModel.$name,
  definition(t) {
    t.implements('Node');
    t.nonNull.field('id', globalIdField('User'));
    t.field(UserModel.email);
    t.field(UserModel.name);
    t.field(UserModel.role);
    t.field(UserModel.createdAt);
    t.nonNull.field('orders', {
      type: 'OrderConnection',
      description: "The user's orders, newest first. Visible to the user and to admins.",
      args: { first: intArg({ default: 20 }), after: stringArg() },
      async resolve(user, args, ctx) {
        const page = await ctx.loaders.ordersOfUser(args).load(user.id);
        return { ...page, totalCount: () => ctx.loaders.orderCountByUserId.load(user.id) };
      },
    });
    t.nonNull.int('orderCount', {
      description: 'Orders placed by the user, in any status.',
      resolve: (user, _, ctx) => ctx.loaders.orderCountByUserId.load(user.id),
    });
  },
});

export const [UserEdge, UserConnection] = connectionTypes('User');

export const UserQueries = extendType({
  type: 'Query',
  definition(t) {
    t.field('me', {
      type: 'User',
      description: 'The signed-in user, or null when the request carries no token.',
      resolve: (_, __, ctx) => (ctx.viewer ? ctx.loaders.userById.load(ctx.viewer.userId) : null),
    });
    t.nonNull.field('users', {
      type: 'UserConnection',
      description: 'Admins only.',
      args: { first: intArg({ default: 20 }), after: stringArg() },
      resolve: (_, args, ctx) => listUsers(ctx.reader, ctx.viewer, args),
    });
  },
});

export const CreateUserInput = inputObjectType({
  name: 'CreateUserInput',
  definition(t) {
    t.nonNull.string('email');
    t.nonNull.string('name');
    t.field('role', { type: 'Role', default: 'CUSTOMER' });
  },
});

export const UpdateUserInput = inputObjectType({
  name: 'UpdateUserInput',
  definition(t) {
    t.string('email');
    t.string('name');
  },
});

export const UserMutations = extendType({
  type: 'Mutation',
  definition(t) {
    t.nonNull.field('createUser', {
      type: 'User',
      description: 'Admins only.',
      args: { input: nonNull(arg({ type: 'CreateUserInput' })) },
      resolve: (_, { input }, ctx) => createUser(ctx.db, ctx.viewer, input),
    });
    t.nonNull.field('updateUser', {
      type: 'User',
      description: 'The user themself or an admin.',
      args: { id: nonNull(idArg()), input: nonNull(arg({ type: 'UpdateUserInput' })) },
      resolve: (_, { id, input }, ctx) => updateUser(ctx.db, ctx.viewer, idOf('User', id), input),
    });
    t.nonNull.field('deleteUser', {
      type: 'User',
      description: "Soft delete; admins only. The user's orders stay in the reports.",
      args: { id: nonNull(idArg()) },
      resolve: (_, { id }, ctx) => deleteUser(ctx.db, ctx.viewer, idOf('User', id)),
    });
  },
});
