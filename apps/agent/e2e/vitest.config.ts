import { defineConfig } from 'vitest/config';

// The renderer in real headless Chromium: one browser at a time (2-core machine, fake camera files).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
