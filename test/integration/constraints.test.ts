import { beforeAll, describe, expect, it } from 'vitest';
import { prismaCode, sqlState } from '../../src/db/errors';
import { useTestDatabase } from '../support/database';

const database = useTestDatabase(2);

/** The SQLSTATE with which the database refused a write. */
async function refusal(write: Promise<unknown>): Promise<string | undefined> {
  const error = await write.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'the database accepted the write').toBeDefined();
  return sqlState(error);
}

describe('database constraints', () => {
  let productId: number;
  beforeAll(async () => {
    await database.prisma.user.create({ data: { email: 'taken@example.com', name: 'Taken' } });
    const product = await database.prisma.product.create({ data: { sku: 'CHK-1', name: 'Checked', price: '9.99', stock: 3 } });
    productId = product.id;
  });

  it('refuse negative stock (CHECK stock >= 0)', async () => {
    expect(await refusal(database.prisma.$executeRaw`UPDATE products SET stock = stock - 4 WHERE id = ${productId}`)).toBe('23514');
    const { stock } = await database.prisma.product.findUniqueOrThrow({ where: { id: productId } });
    expect(stock).toBe(3);
  });

  it('refuse a duplicate email (unique_violation, P2002)', async () => {
    const duplicate = database.prisma.user.create({ data: { email: 'taken@example.com', name: 'Again' } });
    await expect(duplicate).rejects.toSatisfy((error) => prismaCode(error) === 'P2002' && sqlState(error) === '23505');
  });

  it('refuse an email that is not lower-case', async () => {
    expect(await refusal(database.prisma.user.create({ data: { email: 'Upper@example.com', name: 'Upper' } }))).toBe('23514');
  });

  it('refuse a non-positive price, a malformed sku and a zero quantity', async () => {
    expect(await refusal(database.prisma.product.create({ data: { sku: 'FREE-1', name: 'Free', price: '0' } }))).toBe('23514');
    expect(await refusal(database.prisma.product.create({ data: { sku: 'bad sku', name: 'Bad', price: '1' } }))).toBe('23514');
    const user = await database.prisma.user.create({ data: { email: 'buyer@example.com', name: 'Buyer' } });
    const order = await database.prisma.order.create({ data: { userId: user.id, totalPrice: '0' } });
    expect(
      await refusal(
        database.prisma.orderItem.create({
          data: { orderId: order.id, productId, productName: 'Checked', unitPrice: '9.99', quantity: 0 },
        }),
      ),
    ).toBe('23514');
  });
});
