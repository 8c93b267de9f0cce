// Prisma CLI configuration: migrations run on the bundled wasm schema engine over our pg adapter,
// so no Rust engine binary is ever downloaded. Loading it disables Prisma's .env loading.
// prisma.config.ts (where Prisma looks for it) re-exports this; see README.md here.
import { defineConfig } from 'prisma/config';
import { MigrationAdapterFactory } from './migration-adapter';

const url = process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    if (!url) throw new Error('Set DATABASE_URL (or DIRECT_DATABASE_URL) to run migrations.');
    return new MigrationAdapterFactory(url);
  },
});
