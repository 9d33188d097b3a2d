import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // One migrated database per run (TEST_DATABASE_URL / DATABASE_URL server, else the embedded
    // one), available in test files as inject('databaseUrl').
    globalSetup: ['./src/testing/global-setup.ts'],
    // Integration tests share one server and start/stop embedded clusters: run files one by one.
    fileParallelism: false,
    // Cold starts (initdb, WASM compile, shadow databases) take seconds on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
