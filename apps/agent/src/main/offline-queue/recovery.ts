import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMP_PREFIX } from '../fs/atomic-write';
import { decodeItem } from './item-codec';
import { parseItemFileName, storedHeaderSchema, type ItemClass, type StoredHeader } from './item';

export interface IndexEntry {
  seq: number;
  cls: ItemClass;
  name: string;
  clientId: string;
}

export interface RecoveryReport {
  /** Partial writes from a crash: deleted. */
  removedTempFiles: string[];
  /** Items that failed to decrypt or parse: moved to quarantine/ (never fed to the server). */
  quarantined: { name: string; reason: string }[];
  /** Images past the cap (a crash between writing and evicting leaves one extra). */
  evictedImages: number;
}

export const QUARANTINE_DIR = 'quarantine';

/** Reads and authenticates one item; throws on anything unreadable. */
export async function loadItem(dir: string, key: Buffer, name: string): Promise<{ header: StoredHeader; body: Buffer }> {
  const parsedName = parseItemFileName(name);
  const { header, body } = decodeItem(key, name, await readFile(join(dir, name)));
  const parsed = storedHeaderSchema.safeParse(header);
  if (!parsed.success) throw new Error(`bad header: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  if (parsed.data.class !== parsedName?.cls) throw new Error('class in header does not match file name');
  return { header: parsed.data, body };
}

export async function quarantine(dir: string, name: string, now: Date): Promise<boolean> {
  try {
    await mkdir(join(dir, QUARANTINE_DIR), { recursive: true });
    await rename(join(dir, name), join(dir, QUARANTINE_DIR, `${name}.${now.getTime()}`));
    return true;
  } catch {
    // Could not move it (e.g. locked by a virus scanner): it stays where it is and is simply not indexed.
    return false;
  }
}

/**
 * The startup pass: every complete item is authenticated so that a bad file is found now, not in the
 * middle of a drain. Cost is one AES-GCM pass over the folder (~65 MB at the 500-image cap).
 */
export async function scanQueueDir(dir: string, key: Buffer, now: Date): Promise<{ entries: IndexEntry[]; report: RecoveryReport }> {
  const report: RecoveryReport = { removedTempFiles: [], quarantined: [], evictedImages: 0 };
  const entries: IndexEntry[] = [];
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    if (name.startsWith(TEMP_PREFIX)) {
      await unlink(join(dir, name)).catch(() => undefined);
      report.removedTempFiles.push(name);
      continue;
    }
    const parsedName = parseItemFileName(name);
    if (!parsedName) continue;
    try {
      const { header } = await loadItem(dir, key, name);
      entries.push({ seq: parsedName.seq, cls: parsedName.cls, name, clientId: header.clientId });
    } catch (error) {
      await quarantine(dir, name, now);
      report.quarantined.push({ name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { entries, report };
}
