import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { useTestDatabase } from '../support/database';

const database = useTestDatabase(4);

/** Resolves once `parties` callers have arrived; later arrivals pass straight through. */
function barrier(parties: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    arrived += 1;
    if (arrived === parties) open();
    return opened;
  };
}

describe('inTransaction', () => {
  it('retries a transaction that PostgreSQL aborts as a deadlock victim, so both callers succeed', async () => {
    const [a, b] = await Promise.all(
      ['DEAD-A', 'DEAD-B'].map((sku) => database.prisma.product.create({ data: { sku, name: sku, price: '1.00', stock: 0 } })),
    );
    const bothHoldOneRow = barrier(2);
    let attempts = 0;
    // Two transactions lock the same two rows in opposite orders: a textbook deadlock.
    const lockBoth = (first: number, second: number) =>
      inTransaction(database.prisma, async (tx) => {
        attempts += 1;
        await tx.$executeRaw`UPDATE products SET stock = stock + 1 WHERE id = ${first}`;
        await bothHoldOneRow();
        await tx.$executeRaw`UPDATE products SET stock = stock + 1 WHERE id = ${second}`;
      });
    await Promise.all([lockBoth(a!.id, b!.id), lockBoth(b!.id, a!.id)]);
    // The deadlock victim ran again (3 attempts); on a starved machine a transaction may also outlive
    // Prisma's interactive-transaction timeout (P2028) and be retried once more: both callers still succeed.
    expect(attempts).toBeGreaterThanOrEqual(3);
    const stocks = await database.prisma.product.findMany({ where: { id: { in: [a!.id, b!.id] } }, select: { stock: true } });
    expect(stocks.map((product) => product.stock)).toEqual([2, 2]);
  });

  it('does not retry an ordinary failure, and rolls it back', async () => {
    let attempts = 0;
    const failing = inTransaction(database.prisma, async (tx) => {
      attempts += 1;
      await tx.user.create({ data: { email: 'rolled-back@example.com', name: 'Gone' } });
      throw new Error('business rule says no');
    });
    await expect(failing).rejects.toThrow('business rule says no');
    expect(attempts).toBe(1);
    expect(await database.prisma.user.count({ where: { email: 'rolled-back@example.com' } })).toBe(0);
  });
});
