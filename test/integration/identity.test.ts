import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/global-id';
import { MeDocument, ProductsDocument, UsersDocument } from '../generated/graphql';
import { dataOf, expectErrorCode, useTestApi } from '../support/api';
import { handMadeToken } from '../support/server';
import { execute } from '../support/http';

const api = useTestApi();
const token = handMadeToken;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('identity (Authorization: Bearer <JWT>)', () => {
  it('anonymous: me is null and products are readable', async () => {
    expect(dataOf(await execute(api.url, MeDocument)).me).toBeNull();
    expect(dataOf(await execute(api.url, ProductsDocument, { first: 1 })).products.edges).toHaveLength(1);
  });

  it('a valid token: me is that user, with the role from their row', async () => {
    const me = dataOf(await execute(api.url, MeDocument, {}, { token: api.tokens.alice })).me;
    expect(me).toMatchObject({ id: toGlobalId('User', 3), email: 'alice@example.com', role: 'CUSTOMER' });
    expect(me!.orderCount).toBeGreaterThan(0);
  });

  it.each([
    ['malformed', async () => 'not-a-jwt'],
    ['forged (another key)', () => token({ sub: toGlobalId('User', 1), exp: inAnHour() }, 'wrong')],
    ['expired', () => token({ sub: toGlobalId('User', 1), exp: Math.floor(Date.now() / 1000) - 60 })],
    ['without exp', () => token({ sub: toGlobalId('User', 1) })],
    ['for a product id', () => token({ sub: toGlobalId('Product', 1), exp: inAnHour() })],
    ['for a user that does not exist', () => token({ sub: toGlobalId('User', 999_999), exp: inAnHour() })],
  ])('a %s token fails the whole request with UNAUTHENTICATED', async (_, make) => {
    const response = await execute(api.url, ProductsDocument, { first: 1 }, { token: await make() });
    expectErrorCode(response, 'UNAUTHENTICATED');
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
  });

  it('a changed role takes effect at once, and a deleted user is refused', async () => {
    const user = await api.db.user.create({ data: { email: 'promoted@example.com', name: 'Promoted' } });
    const promoted = await api.tokenFor(user.id);
    expectErrorCode(await execute(api.url, UsersDocument, { first: 1 }, { token: promoted }), 'FORBIDDEN');
    await api.db.user.update({ where: { id: user.id }, data: { role: 'ADMIN' } });
    expect(dataOf(await execute(api.url, UsersDocument, { first: 1 }, { token: promoted })).users.edges).toHaveLength(1);
    await api.db.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
    expectErrorCode(await execute(api.url, MeDocument, {}, { token: promoted }), 'UNAUTHENTICATED');
  });
});
