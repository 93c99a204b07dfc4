import { defineConfig } from 'vitest/config';

// `npm run test:pg`: the hub suites on a real PostgreSQL (docs/hub.md).
export default defineConfig({
  test: {
    name: 'pg',
    environment: 'node',
    include: ['test/pg/**/*.test.ts'],
    globalSetup: ['test/pg/globalSetup.ts'],
    // The writer lock is database-wide; files one after another keep timings predictable.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
