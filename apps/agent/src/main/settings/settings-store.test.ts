import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { DEFAULT_SETTINGS, SettingsStore } from './settings-store';

const tempDir = useTempDirs();

describe('SettingsStore', () => {
  it('keeps the last settings across restarts and falls back to defaults when the file is damaged', async () => {
    const dir = await tempDir('settings-');
    const file = join(dir, 'settings.json');
    expect(await new SettingsStore(file).load()).toEqual({ settings: DEFAULT_SETTINGS, fetchedAt: null });

    const saved = await new SettingsStore(file).save({ ...DEFAULT_SETTINGS, thresholdLevel: 5, redactionAreas: [{ x: 0, y: 0, w: 100, h: 40 }] }, new Date('2026-11-28T01:00:00Z'));
    expect(await new SettingsStore(file).load()).toEqual(saved);
    expect(await readdir(dir)).toEqual(['settings.json']);

    await writeFile(file, '{"settings": {"thresholdLevel": "high"');
    expect(await new SettingsStore(file).load()).toEqual({ settings: DEFAULT_SETTINGS, fetchedAt: null });
  });

  it('refuses settings outside the contract instead of storing them', async () => {
    const store = new SettingsStore(join(await tempDir('settings-'), 'settings.json'));
    await expect(store.save({ ...DEFAULT_SETTINGS, detectionIntervalSec: 0 }, new Date())).rejects.toThrow();
    await expect(store.save({ ...DEFAULT_SETTINGS, screenshotMode: 'NONE' }, new Date())).rejects.toThrow();
  });
});
