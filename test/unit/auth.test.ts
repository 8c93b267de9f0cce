import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Reader } from '../../src/db/reader';
import type { User } from '../../src/generated/prisma';
import { authenticate, signAccessToken } from '../../src/graphql/auth';
import { UnauthenticatedError } from '../../src/services/errors';

const SECRET = 'unit-test-secret-of-at-least-32-characters';
const alice: User = {
  id: 3,
  email: 'alice@example.com',
  name: 'Alice',
  role: 'CUSTOMER',
  createdAt: new Date(0),
  updatedAt: new Date(0),
  deletedAt: null,
};

/** A reader that answers the user lookup with `rows` and counts the lookups. */
function readerOf(rows: () => User[]): Reader & { lookups: number } {
  let lookups = 0;
  return {
    preparing: true,
    get lookups() {
      return lookups;
    },
    rows: async <Row>() => ((lookups += 1), rows() as Row[]),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('authenticate', () => {
  it('reads the user on every request, also for a token it has verified before', async () => {
    const token = await signAccessToken(SECRET, alice.id);
    let row = alice;
    const reader = readerOf(() => [row]);
    expect(await authenticate(reader, SECRET, `Bearer ${token}`)).toEqual(alice);
    row = { ...alice, role: 'ADMIN' };
    expect((await authenticate(reader, SECRET, `Bearer ${token}`))?.role).toBe('ADMIN');
    row = { ...alice, deletedAt: new Date() };
    await expect(authenticate(reader, SECRET, `Bearer ${token}`)).rejects.toThrow('no longer exists');
    expect(reader.lookups).toBe(3);
  });

  it('refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const token = await signAccessToken(SECRET, alice.id, 60);
    const reader = readerOf(() => [alice]);
    expect(await authenticate(reader, SECRET, `Bearer ${token}`)).toEqual(alice);
    vi.setSystemTime(new Date('2026-01-01T00:00:59Z'));
    expect(await authenticate(reader, SECRET, `Bearer ${token}`)).toEqual(alice);
    vi.setSystemTime(new Date('2026-01-01T00:01:00Z'));
    await expect(authenticate(reader, SECRET, `Bearer ${token}`)).rejects.toThrow('has expired');
  });

  it('refuses a token signed with another secret, before and after a good one was remembered', async () => {
    const reader = readerOf(() => [alice]);
    const forged = await signAccessToken('another-secret-of-at-least-32-characters', alice.id);
    await expect(authenticate(reader, SECRET, `Bearer ${forged}`)).rejects.toThrow(UnauthenticatedError);
    await authenticate(reader, SECRET, `Bearer ${await signAccessToken(SECRET, alice.id)}`);
    await expect(authenticate(reader, SECRET, `Bearer ${forged}`)).rejects.toThrow('not valid');
    expect(reader.lookups).toBe(1);
  });
});
