import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.integration.test.ts'],
    // The crash test spawns and kills real child processes; give it room on a 2-core machine.
    testTimeout: 120_000,
  },
});
