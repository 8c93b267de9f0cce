import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Nexus loads graphql's CommonJS build, as Node does for every import here; Vite would pick the
    // ESM build ("module" field) for our files, and graphql refuses types from "another realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
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
