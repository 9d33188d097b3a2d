import { defineConfig } from 'vitest/config';

// Browser tests: a fresh database with demo data, both apps built and started on free ports
// (global setup), driven through Debian's Chromium with playwright-core.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // A page waits on a real server that hashes passwords and builds reports: on a busy 2-core CI
    // machine one second (the default) is too short; a test that needs a tighter bound says so.
    expect: { poll: { timeout: 10_000 } },
  },
});
