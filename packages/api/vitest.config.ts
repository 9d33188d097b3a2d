import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One fresh, migrated database per run (server from TEST_DATABASE_URL/DATABASE_URL, else embedded).
    globalSetup: ['../db/src/testing/global-setup.ts'],
    // Integration tests share that database; run files one after another.
    fileParallelism: false,
    testTimeout: 30_000,
    // Mail written without SMTP goes to a folder of this run, not into the repository.
    env: { MAIL_OUTBOX_DIR: mkdtempSync(path.join(tmpdir(), 'tw-api-mail-')) },
    hookTimeout: 60_000,
  },
});
