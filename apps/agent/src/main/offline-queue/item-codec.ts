import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * On-disk frame of one queue item: "TWQ1" | iv (12) | tag (16) | AES-256-GCM ciphertext of
 * (u32 header length | header JSON | body). The file name is the additional authenticated data, so a
 * file renamed or moved to another position fails authentication instead of being replayed out of order.
 */
const MAGIC = Buffer.from('TWQ1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = MAGIC.length + IV_BYTES + TAG_BYTES;

export class CorruptItemError extends Error {
  constructor(reason: string) {
    super(`Queue item unreadable: ${reason}`);
    this.name = 'CorruptItemError';
  }
}

export function encodeItem(key: Uint8Array, aad: string, header: unknown, body: Uint8Array): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(length), cipher.update(headerBytes), cipher.update(body), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), encrypted]);
}

export function decodeItem(key: Uint8Array, aad: string, frame: Buffer): { header: unknown; body: Buffer } {
  if (frame.length < PREFIX + 4) throw new CorruptItemError('truncated');
  if (!frame.subarray(0, MAGIC.length).equals(MAGIC)) throw new CorruptItemError('bad magic');
  const iv = frame.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = frame.subarray(MAGIC.length + IV_BYTES, PREFIX);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    plain = Buffer.concat([decipher.update(frame.subarray(PREFIX)), decipher.final()]);
  } catch {
    throw new CorruptItemError('authentication failed (wrong key, tampered or truncated)');
  }
  const headerLength = plain.readUInt32BE(0);
  if (4 + headerLength > plain.length) throw new CorruptItemError('header length out of range');
  let header: unknown;
  try {
    header = JSON.parse(plain.subarray(4, 4 + headerLength).toString('utf8'));
  } catch {
    throw new CorruptItemError('header is not JSON');
  }
  return { header, body: plain.subarray(4 + headerLength) };
}
