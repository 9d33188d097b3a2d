import { randomBytes, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { constants, crc32, createDeflate } from 'node:zlib';
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

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([len, typed, crc]);
}

/** `n` zero bytes, deflated 1 MB at a time (the test never holds the inflated size itself). */
function deflateZeros(n: number): Promise<Buffer> {
  const mb = Buffer.alloc(1_000_000);
  const chunks = function* () {
    for (let left = n; left > 0; left -= mb.length) yield left >= mb.length ? mb : mb.subarray(0, left);
  };
  return buffer(Readable.from(chunks()).pipe(createDeflate({ level: constants.Z_BEST_COMPRESSION })));
}

/** The decompression bomb of issue 15 is pngDeclaring(640, 480, 200_000_000, 1): a PNG whose header declares width×height (RGBA, 8 bits) and whose image data inflates to `inflated` zero bytes. */
export async function pngDeclaring(width: number, height: number, inflated: number, interlace: 0 | 1): Promise<Uint8Array> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[12] = interlace;
  return new Uint8Array(Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', await deflateZeros(inflated)), chunk('IEND', Buffer.alloc(0))]));
}
