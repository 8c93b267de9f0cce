/**
 * Builds a deterministic demo data set in memory: the same options give the same rows.
 * Money is handled in integer cents here and written as exact decimal strings.
 */
import { Faker, en } from '@faker-js/faker';
import type { OrderStatus, Role } from '../src/generated/prisma';

export interface SeedOptions {
  users: number;
  products: number;
  orders: number;
  seed: number;
  /** Orders are placed in the 18 months before this instant (fixed, so that data is reproducible). */
  end: Date;
}

export const DEFAULT_SEED_OPTIONS: SeedOptions = {
  users: 50,
  products: 40,
  orders: 500,
  seed: 42,
  end: new Date('2026-11-01T00:00:00.000Z'),
};

export const FIXED_ACCOUNTS = [
  { email: 'admin@example.com', name: 'Ada Admin', role: 'ADMIN' },
  { email: 'analyst@example.com', name: 'Ana Analyst', role: 'ANALYST' },
  { email: 'alice@example.com', name: 'Alice Customer', role: 'CUSTOMER' },
] as const;

const ALICE_ID = 3;
const HISTORY_MONTHS = 18;

export interface SeedUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}
export interface SeedProduct {
  id: number;
  sku: string;
  name: string;
  description: string;
  price: string;
  stock: number;
  createdAt: Date;
}
export interface SeedOrder {
  id: number;
  userId: number;
  status: OrderStatus;
  totalPrice: string;
  placedAt: Date;
}
export interface SeedOrderItem {
  id: number;
  orderId: number;
  productId: number;
  productName: string;
  unitPrice: string;
  quantity: number;
}
export interface SeedData {
  users: SeedUser[];
  products: SeedProduct[];
  orders: SeedOrder[];
  items: SeedOrderItem[];
}

export const centsToDecimal = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** Older orders have mostly been delivered; recent ones are still on their way. */
function statusFor(faker: Faker, ageDays: number): OrderStatus {
  if (faker.number.float() < 0.07) return 'CANCELLED';
  if (ageDays > 30) return faker.number.float() < 0.97 ? 'DELIVERED' : 'SHIPPED';
  if (ageDays > 7) return faker.helpers.arrayElement(['PAID', 'SHIPPED', 'DELIVERED']);
  return faker.helpers.arrayElement(['PENDING', 'PAID', 'SHIPPED']);
}

export function generateSeedData(options: SeedOptions): SeedData {
  const faker = new Faker({ locale: [en], seed: options.seed });
  const end = options.end.getTime();
  const start = new Date(options.end);
  start.setUTCMonth(start.getUTCMonth() - HISTORY_MONTHS);
  const begin = start.getTime();
  const beforeHistory = new Date(begin - 30 * 86_400_000);

  const users: SeedUser[] = FIXED_ACCOUNTS.map((account, index) => ({ id: index + 1, ...account, createdAt: beforeHistory }));
  for (let index = 0; index < options.users; index += 1) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    const id = users.length + 1;
    users.push({
      id,
      email: `${first}.${last}.${id}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
      name: `${first} ${last}`,
      role: 'CUSTOMER',
      createdAt: beforeHistory,
    });
  }
  const customerIds = users.filter((user) => user.role === 'CUSTOMER').map((user) => user.id);

  const priceCents: number[] = [];
  const products: SeedProduct[] = [];
  for (let index = 0; index < options.products; index += 1) {
    const cents = faker.number.int({ min: 199, max: 49_999 });
    priceCents.push(cents);
    products.push({
      id: index + 1,
      sku: `SKU-${String(index + 1).padStart(6, '0')}`,
      name: faker.commerce.productName(),
      description: faker.commerce.productDescription(),
      price: centsToDecimal(cents),
      stock: 0,
      createdAt: beforeHistory,
    });
  }

  const orders: SeedOrder[] = [];
  const items: SeedOrderItem[] = [];
  const productIndexes = products.map((_, index) => index);
  // Ids grow with time, as they do in a live shop.
  const placedTimes = Array.from({ length: products.length > 0 ? options.orders : 0 }, () =>
    faker.number.int({ min: begin, max: end - 1 }),
  ).sort((a, b) => a - b);
  for (const [index, placedTime] of placedTimes.entries()) {
    const placedAt = new Date(placedTime);
    // Alice always has orders, so that the demo has a customer to sign in as.
    const userId = index % 25 === 0 ? ALICE_ID : faker.helpers.arrayElement(customerIds);
    const status = statusFor(faker, (end - placedAt.getTime()) / 86_400_000);
    const lineCount = Math.min(products.length, faker.number.int({ min: 1, max: 5 }));
    let totalCents = 0;
    for (const productIndex of faker.helpers.arrayElements(productIndexes, lineCount)) {
      const quantity = faker.number.int({ min: 1, max: 4 });
      const unitCents = priceCents[productIndex]!;
      totalCents += unitCents * quantity;
      items.push({
        id: items.length + 1,
        orderId: index + 1,
        productId: productIndex + 1,
        productName: products[productIndex]!.name,
        unitPrice: centsToDecimal(unitCents),
        quantity,
      });
    }
    orders.push({ id: index + 1, userId, status, totalPrice: centsToDecimal(totalCents), placedAt });
  }

  // What is left on the shelf now (the orders above were taken from it already);
  // every tenth product may be sold out, so that the demo shows INSUFFICIENT_STOCK.
  products.forEach((product, index) => {
    product.stock = faker.number.int({ min: index % 10 === 0 ? 0 : 5, max: 250 });
  });
  return { users, products, orders, items };
}
