import { randomBytes, randomUUID } from 'node:crypto';
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

/** An upload form as the agent and the console send it: text fields and the file `image`. */
export function imageForm(fields: Record<string, string>, image?: Uint8Array, type = 'image/jpeg'): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (image) form.set('image', new Blob([Buffer.from(image)], { type }), 'image.jpg');
  return form;
}

/** The fields of an interval capture's evidence image. */
export const intervalFields = (kind: 'CAMERA' | 'SCREEN', clientId = randomUUID()) => ({ kind: 'evidence', evidenceKind: kind, clientId, trigger: 'INTERVAL', capturedAt: new Date().toISOString() });

/** What a tenant has stored: evidence rows, face images, and the blob files of the folder. */
export async function storedImages(adminDb: Db, tenantId: string, blobDir: string) {
  return { rows: await adminDb.evidence.count({ where: { tenantId } }), faces: await adminDb.faceImage.count({ where: { tenantId } }), files: await countFiles(blobDir) };
}
