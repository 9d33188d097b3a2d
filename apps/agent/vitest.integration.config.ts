import { defineConfig } from 'vitest/config';

// Agent ↔ real API server ↔ PostgreSQL: one fresh, migrated database per run (see @telework/db testing).
export default defineConfig({
  test: {
    include: ['src/**/*.integration.test.ts'],
    globalSetup: ['../../packages/db/src/testing/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
