import { defineConfig } from 'vitest/config';

// End-to-end: real Chromium (Debian's /usr/bin/chromium or CHROMIUM_PATH) against real browser-host processes.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
