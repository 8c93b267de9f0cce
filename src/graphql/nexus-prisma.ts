/**
 * nexus-prisma's model field definitions (`t.field(Order.status)`). Its generator is pointed at
 * src/db/prisma-with-dmmf.cjs (see prisma/nexus-prisma.ts) so that it works on the Rust-free client.
 */
process.env.NO_PEER_DEPENDENCY_CHECK = '1'; // it declares @prisma/client ^5; 6.19 works (TOOLCHAIN.md)
// Its logger (floggy, via setset) reads our LOG_LEVEL when loaded and throws on `silent`, a level
// it lacks: it loads without it.
const logLevel = process.env.LOG_LEVEL;
delete process.env.LOG_LEVEL;
const imported = await import('nexus-prisma').finally(() => {
  if (logLevel !== undefined) process.env.LOG_LEVEL = logLevel;
});
// A CommonJS module whose exports Node cannot list: plain Node gives only `default` (its
// module.exports); tsx and esbuild also copy the names. `default` is there in all three.
const nexusPrisma = (imported as unknown as { default?: typeof imported }).default ?? imported;
nexusPrisma.$settings({ checks: { PrismaClientOnContext: { strategy: 'duckType' } } });

export const { User, Product, Order, OrderItem, Role, OrderStatus } = nexusPrisma;
