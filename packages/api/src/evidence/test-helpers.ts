import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Db } from '@telework/db';
import { hashToken, newToken } from '../auth/tokens';
import { keyringFrom, type MasterKeyring } from '../crypto/master-key';

/** A real JPEG: a gradient, plus noise to make it as large as a camera frame really is. */
export function makeJpeg(width: number, height: number, opts: { noise?: number; quality?: number } = {}): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  const noise = opts.noise ?? 0;
  for (let i = 0, p = 0; p < width * height; p++, i += 4) {
    const x = p % width;
    const y = Math.floor(p / width);
    const n = noise ? Math.floor(Math.random() * noise) : 0;
    data[i] = (x + n) & 255;
    data[i + 1] = (y + n) & 255;
    data[i + 2] = ((x ^ y) + n) & 255;
    data[i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width, height, data }, opts.quality ?? 80).data);
}

export function randomKeyring(id = 'test-master'): MasterKeyring {
  return keyringFrom({ key: randomBytes(32).toString('base64'), id });
}

/** Gives the fixture's device a real token (fixtures store a placeholder hash). */
export async function deviceToken(adminDb: Db, tenantId: string, deviceId: string): Promise<string> {
  const token = newToken();
  await adminDb.agentDevice.update({ where: { tenantId_id: { tenantId, id: deviceId } }, data: { tokenHash: hashToken(token) } });
  return token;
}

export async function countFiles(dir: string): Promise<number> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

export { join };
