import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One PostgreSQL server (embedded or DATABASE_URL) and one migrated template database per
    // run; every test file copies the template into a database of its own, so files run in parallel.
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
