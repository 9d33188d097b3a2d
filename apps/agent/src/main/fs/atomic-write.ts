import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Prefix of in-progress files; anything carrying it after a crash is a partial write and safe to delete. */
export const TEMP_PREFIX = '.tmp-';

/**
 * Writes `data` so that `file` holds either its old content or the whole new content, never a mix:
 * a temp file in the same folder is written, fsync'd, then renamed over the target (rename is atomic
 * within one volume on NTFS and POSIX file systems). The folder is fsync'd afterwards so the rename
 * itself survives a power cut where the platform allows it.
 */
export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `${TEMP_PREFIX}${basename(file)}-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dir);
}

/** fsync on a folder makes a rename/unlink durable on POSIX; Windows cannot open folders for it, so errors are ignored. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the folder entry is best effort where the OS does not support it.
  }
}
