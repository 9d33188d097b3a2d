import { readFile } from 'node:fs/promises';
import { agentSettingsSchema, type AgentSettings, type SettingsInfo } from '../../contract/bridge';
import { writeFileAtomic } from '../fs/atomic-write';

/** The server's defaults (tenant columns), used until the first successful heartbeat. */
export const DEFAULT_SETTINGS: AgentSettings = {
  thresholdLevel: 3,
  detectionIntervalSec: 10,
  awayAfterChecks: 3,
  impersonationAfterChecks: 2,
  captureIntervalMin: 5,
  autoPunchFromPresence: false,
  screenshotMode: 'FULL',
  redactionAreas: null,
  // Until the organisation's settings arrive nothing may be captured: the worker has consented to nothing yet.
  captureMode: 'VERDICT_ONLY',
  retentionDays: 90,
};

/**
 * The last settings the server sent, kept so that face checks run with the administrator's
 * threshold even when the PC starts offline. Not secret, so stored as plain JSON (atomically).
 */
export class SettingsStore {
  constructor(private readonly file: string) {}

  async load(): Promise<SettingsInfo> {
    try {
      const stored = JSON.parse(await readFile(this.file, 'utf8')) as { settings?: unknown; fetchedAt?: unknown };
      const settings = agentSettingsSchema.parse(stored.settings);
      return { settings, fetchedAt: typeof stored.fetchedAt === 'string' ? stored.fetchedAt : null };
    } catch {
      // Missing or damaged: the defaults are safe, and the next heartbeat replaces them.
      return { settings: DEFAULT_SETTINGS, fetchedAt: null };
    }
  }

  async save(settings: unknown, fetchedAt: Date): Promise<SettingsInfo> {
    const info = { settings: agentSettingsSchema.parse(settings), fetchedAt: fetchedAt.toISOString() };
    await writeFileAtomic(this.file, Buffer.from(JSON.stringify(info), 'utf8'));
    return info;
  }
}
