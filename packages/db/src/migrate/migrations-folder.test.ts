import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextTimestamp, slugify } from './create-migration';
import { checksumMatches, readMigrations, sha256Hex } from './migrations-folder';

describe('readMigrations', () => {
  it('returns folders in timestamp order with the sha256 of each file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-migrations-'));
    for (const name of ['20260102000000_b', '20260101000000_a', '20260103000000_c']) {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, 'migration.sql'), `-- ${name}\n`);
    }
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');

    const migrations = await readMigrations(dir);

    expect(migrations.map((m) => m.name)).toEqual(['20260101000000_a', '20260102000000_b', '20260103000000_c']);
    expect(migrations[0]?.checksum).toBe(sha256Hex('-- 20260101000000_a\n'));
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats a missing folder as no migrations and a folder without migration.sql as an error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tw-migrations-'));
    expect(await readMigrations(path.join(dir, 'absent'))).toEqual([]);
    await mkdir(path.join(dir, '20260101000000_empty'));
    await expect(readMigrations(dir)).rejects.toThrow(/20260101000000_empty has no migration.sql/);
  });
});

describe('checksumMatches', () => {
  it('accepts the same script with converted line endings and refuses an edit', () => {
    const lf = 'CREATE TABLE a ();\nCREATE TABLE b ();\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(checksumMatches(crlf, sha256Hex(lf))).toBe(true);
    expect(checksumMatches(lf, sha256Hex(crlf))).toBe(true);
    expect(checksumMatches(lf.replace('b', 'c'), sha256Hex(lf))).toBe(false);
  });
});

describe('migration names', () => {
  it('slugifies names the way folder names need them', () => {
    expect(slugify('  Add punches & tasks ')).toBe('add_punches_tasks');
    expect(() => slugify(' -- ')).toThrow(/needs a name/);
  });

  it('stamps UTC time and always sorts after the newest existing folder', () => {
    const now = new Date('2026-11-28T15:30:45.900Z');
    expect(nextTimestamp(now, [])).toBe('20261128153045');
    expect(nextTimestamp(now, ['20261128153045_init'])).toBe('20261128153046');
    expect(nextTimestamp(now, ['20271231235959_future', 'not_a_timestamp'])).toBe('20280101000000');
  });
});
