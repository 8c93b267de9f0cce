import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import {
  CreateUserDocument,
  DeleteUserDocument,
  MeDocument,
  NodeDocument,
  OrdersDocument,
  UpdateUserDocument,
  UsersDocument,
} from '../generated/graphql';
import { dataOf, expectErrorCode, useTestApi } from '../support/api';
import { execute } from '../support/http';
import { walkConnection } from '../support/pagination';

const api = useTestApi();

describe('users (admins only)', () => {
  it('lists every live user exactly once at several page sizes, with totalCount', async () => {
    const expected = await api.db.user.findMany({ where: { deletedAt: null }, orderBy: { id: 'asc' } });
    for (const size of [1, 4, 100]) {
      const nodes = await walkConnection(
        size,
        async (after) => dataOf(await execute(api.url, UsersDocument, { first: size, after }, { token: api.tokens.admin })).users,
      );
      expect(nodes.map((node) => node.email)).toEqual(expected.map((user) => user.email));
    }
    const page = dataOf(await execute(api.url, UsersDocument, { first: 2 }, { token: api.tokens.admin })).users;
    expect(page.totalCount).toBe(expected.length);
  });

  it('is FORBIDDEN to customers and analysts and UNAUTHENTICATED to anonymous', async () => {
    expectErrorCode(await execute(api.url, UsersDocument, {}, { token: api.tokens.alice }), 'FORBIDDEN');
    expectErrorCode(await execute(api.url, UsersDocument, {}, { token: api.tokens.analyst }), 'FORBIDDEN');
    expectErrorCode(await execute(api.url, UsersDocument, {}), 'UNAUTHENTICATED');
  });
});

describe('user mutations', () => {
  it('createUser: admins only; email stored lower-case; a taken email is CONFLICT; bad input BAD_USER_INPUT', async () => {
    const input = { email: '  New.Person@Example.COM ', name: 'New Person' };
    expectErrorCode(await execute(api.url, CreateUserDocument, { input }, { token: api.tokens.alice }), 'FORBIDDEN');
    const created = dataOf(await execute(api.url, CreateUserDocument, { input }, { token: api.tokens.admin })).createUser;
    expect(created).toMatchObject({ email: 'new.person@example.com', name: 'New Person', role: 'CUSTOMER', orderCount: 0 });
    const count = await api.db.user.count();
    const taken = await execute(
      api.url,
      CreateUserDocument,
      { input: { ...input, email: 'NEW.person@example.com' } },
      { token: api.tokens.admin },
    );
    expect(expectErrorCode(taken, 'CONFLICT').extensions).toMatchObject({ field: 'email' });
    for (const bad of [
      { ...input, email: 'nope' },
      { ...input, email: 'a@b' },
      { ...input, name: ' ' },
    ]) {
      expectErrorCode(await execute(api.url, CreateUserDocument, { input: bad }, { token: api.tokens.admin }), 'BAD_USER_INPUT');
    }
    expect(await api.db.user.count()).toBe(count);
    const analyst = dataOf(
      await execute(
        api.url,
        CreateUserDocument,
        { input: { email: 'an2@example.com', name: 'An', role: 'ANALYST' } },
        { token: api.tokens.admin },
      ),
    ).createUser;
    expect(analyst.role).toBe('ANALYST');
  });

  it('updateUser: the user themself or an admin; someone else is NOT_FOUND', async () => {
    const alice = toGlobalId('User', 3);
    const bob = toGlobalId('User', 4);
    const renamed = dataOf(
      await execute(api.url, UpdateUserDocument, { id: alice, input: { name: 'Alice A.' } }, { token: api.tokens.alice }),
    );
    expect(renamed.updateUser.name).toBe('Alice A.');
    const unchanged = dataOf(await execute(api.url, UpdateUserDocument, { id: alice, input: {} }, { token: api.tokens.alice }));
    expect(unchanged.updateUser).toMatchObject({ name: 'Alice A.', email: 'alice@example.com' });
    expectErrorCode(
      await execute(api.url, UpdateUserDocument, { id: bob, input: { name: 'Hacked' } }, { token: api.tokens.alice }),
      'NOT_FOUND',
    );
    const byAdmin = dataOf(
      await execute(api.url, UpdateUserDocument, { id: bob, input: { email: 'Bob.New@example.com' } }, { token: api.tokens.admin }),
    );
    expect(byAdmin.updateUser.email).toBe('bob.new@example.com');
    const taken = await execute(
      api.url,
      UpdateUserDocument,
      { id: alice, input: { email: 'admin@example.com' } },
      { token: api.tokens.alice },
    );
    expectErrorCode(taken, 'CONFLICT');
    expectErrorCode(
      await execute(api.url, UpdateUserDocument, { id: toGlobalId('Product', 3), input: {} }, { token: api.tokens.alice }),
      'BAD_USER_INPUT',
    );
  });

  it('deleteUser: admins only; the user disappears and their token stops working; their orders stay', async () => {
    const victim = await api.db.user.findFirstOrThrow({ where: { role: 'CUSTOMER', orders: { some: {} }, id: { gt: 4 } } });
    const id = toGlobalId('User', victim.id);
    const token = await api.tokenFor(victim.id);
    expectErrorCode(await execute(api.url, DeleteUserDocument, { id }, { token: api.tokens.alice }), 'FORBIDDEN');
    dataOf(await execute(api.url, DeleteUserDocument, { id }, { token: api.tokens.admin }));
    expectErrorCode(await execute(api.url, MeDocument, {}, { token }), 'UNAUTHENTICATED');
    expect(dataOf(await execute(api.url, NodeDocument, { id }, { token: api.tokens.admin })).node).toBeNull();
    const users = dataOf(await execute(api.url, UsersDocument, { first: 100 }, { token: api.tokens.admin })).users;
    expect(users.edges.map((edge) => edge.node.id)).not.toContain(id);
    const orders = dataOf(
      await execute(api.url, OrdersDocument, { first: 100, filter: { userId: id } }, { token: api.tokens.admin }),
    ).orders;
    expect(orders.totalCount).toBeGreaterThan(0);
    expect(orders.edges[0]!.node.user.id).toBe(id);
    expectErrorCode(await execute(api.url, DeleteUserDocument, { id }, { token: api.tokens.admin }), 'NOT_FOUND');
  });
});
