/**
 * authenticate (src/graphql/auth.ts) against the real users table: a verified token is
 * remembered, but the user's row is read on every request, and a remembered token still expires.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { User } from '../../src/generated/prisma';
import { authenticate, signAccessToken } from '../../src/graphql/auth';
import { UnauthenticatedError } from '../../src/services/errors';
import { useTestDatabase } from '../support/database';

const SECRET = 'auth-test-secret-of-at-least-32-characters';
const database = useTestDatabase(2);
let alice: User;
let lookups = 0;

beforeAll(async () => {
  alice = await database.prisma.user.create({ data: { email: 'alice@example.com', name: 'Alice' } });
});

/** authenticate on the test database's reader, counting the statements it sends. */
async function signIn(token: string, secret = SECRET) {
  const stop = database.observeQueries(() => void (lookups += 1));
  try {
    return await authenticate(database.reader, secret, `Bearer ${token}`);
  } finally {
    stop();
  }
}

describe('authenticate', () => {
  it('reads the user on every request, also for a token it has verified before', async () => {
    lookups = 0;
    const token = await signAccessToken(SECRET, alice.id);
    expect(await signIn(token)).toEqual(alice);
    await database.prisma.user.update({ where: { id: alice.id }, data: { role: 'ADMIN' } });
    expect((await signIn(token))?.role).toBe('ADMIN');
    await database.prisma.user.update({ where: { id: alice.id }, data: { deletedAt: new Date() } });
    await expect(signIn(token)).rejects.toThrow('no longer exists');
    expect(lookups).toBe(3);
    await database.prisma.user.update({ where: { id: alice.id }, data: { role: 'CUSTOMER', deletedAt: null } });
    alice = await database.prisma.user.findUniqueOrThrow({ where: { id: alice.id } });
  });

  it('refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
      const token = await signAccessToken(SECRET, alice.id, 60);
      expect(await signIn(token)).toEqual(alice);
      vi.setSystemTime(new Date('2026-01-01T00:00:59Z'));
      expect(await signIn(token)).toEqual(alice);
      vi.setSystemTime(new Date('2026-01-01T00:01:00Z'));
      await expect(signIn(token)).rejects.toThrow('has expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a token signed with another secret, before and after a good one was remembered', async () => {
    lookups = 0;
    const forged = await signAccessToken('another-secret-of-at-least-32-characters', alice.id);
    await expect(signIn(forged)).rejects.toThrow(UnauthenticatedError);
    await signIn(await signAccessToken(SECRET, alice.id));
    await expect(signIn(forged)).rejects.toThrow('not valid');
    expect(lookups).toBe(1);
  });
});
