import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive } from './process-alive';

/**
 * Cross-process mutex on a directory (mkdir is atomic). Two test runs or a dev server and a CLI
 * starting at the same moment must not both run initdb or both start a postmaster on one folder.
 * A lock left by a killed process is taken over once its owner pid is gone.
 */
export async function withFileLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const ownerFile = path.join(lockDir, 'owner.pid');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(ownerFile, String(process.pid));
      break;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      const owner = Number.parseInt(await readFile(ownerFile, 'utf8').catch(() => ''), 10);
      // No owner file yet means the other process is between mkdir and writeFile: wait for it.
      if (Number.isInteger(owner) && !isProcessAlive(owner)) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for lock ${lockDir} (held by pid ${owner})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
