import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The master key that wraps data keys, plus retired ones still needed to unwrap older rows. */
export interface MasterKeyring {
  current: { id: string; key: Uint8Array };
  old: Map<string, Uint8Array>;
}

function decodeKey(b64: string, what: string): Uint8Array {
  const key = Buffer.from(b64.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${what} must be base64 of exactly 32 bytes (got ${key.length}).`);
  return key;
}

export function masterKeyFor(ring: MasterKeyring, id: string): Uint8Array {
  if (id === ring.current.id) return ring.current.key;
  const old = ring.old.get(id);
  if (!old) throw new Error(`Master key "${id}" is not configured (add it to MASTER_KEYS_OLD).`);
  return old;
}

/** "id1:base64,id2:base64" → map. */
export function parseOldKeys(value: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const entry of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new Error('MASTER_KEYS_OLD entries are "id:base64".');
    out.set(entry.slice(0, colon), decodeKey(entry.slice(colon + 1), `MASTER_KEYS_OLD "${entry.slice(0, colon)}"`));
  }
  return out;
}

export function keyringFrom(input: { key: string; id: string; old?: string }): MasterKeyring {
  return { current: { id: input.id, key: decodeKey(input.key, 'MASTER_KEY') }, old: parseOldKeys(input.old ?? '') };
}

const keyFile = z.object({ id: z.string().min(1), key: z.string().min(40) });
const FILE = 'master-key.json';

/**
 * The embedded default: the start script calls this to create `<dir>/master-key.json` (mode 0600) once,
 * then passes its path as MASTER_KEY_FILE. Nothing is ever derived silently: without a key, uploads fail.
 * Returns the file's path. Losing this file makes every stored image unreadable: back it up.
 */
export async function ensureDevMasterKey(dir: string): Promise<string> {
  const path = join(dir, FILE);
  try {
    keyFile.parse(JSON.parse(await readFile(path, 'utf8')));
    return path;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true });
  const body = { id: `dev-${new Date().toISOString().slice(0, 10)}`, key: randomBytes(32).toString('base64') };
  // 'wx': never overwrite a key another process created meanwhile.
  try {
    await writeFile(path, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return path;
}

export function readMasterKeyFile(path: string): { id: string; key: string } {
  return keyFile.parse(JSON.parse(readFileSync(path, 'utf8')));
}
