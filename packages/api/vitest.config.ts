import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One fresh, migrated database per run (server from TEST_DATABASE_URL/DATABASE_URL, else embedded).
    globalSetup: ['../db/src/testing/global-setup.ts'],
    // Integration tests share that database; run files one after another.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
