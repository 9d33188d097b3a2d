import { crc32, inflateSync } from 'node:zlib';
import sharp from 'sharp';

// libjpeg (mozjpeg, in sharp's libvips) decodes a camera still in a few milliseconds where the pure-JS decoder
// took well over 100 ms of CPU, and runs off the event loop. libvips' operation cache is off: it
// would keep decoded evidence (personal data) in memory after the request.
sharp.cache(false);

export type ImageFormat = 'jpeg' | 'png';

export interface DecodedImage {
  format: ImageFormat;
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Uint8Array;
}

export class ImageRejected extends Error {
  constructor(readonly reason: 'NOT_AN_IMAGE' | 'UNSUPPORTED_FORMAT' | 'CORRUPT_IMAGE' | 'DIMENSIONS_TOO_LARGE', message: string) {
    super(message);
  }
}

export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  return null;
}

/** Width and height from the header alone, so a huge image is refused before any pixel is decoded. */
export function headerSize(bytes: Uint8Array, format: ImageFormat): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'png') {
    if (bytes.length < 24) return null;
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) { i += 1; continue; }
    const length = view.getUint16(i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

/**
 * The marker structure of a JPEG, which a decoder may forgive but we do not: segments in bounds up
 * to each scan, entropy-coded data whose 0xFF bytes are stuffed (FF 00) or restart markers, and an
 * EOI marker after the last scan (bytes after EOI are ignored, as decoders do). A scan overwritten
 * with junk up to the end of the file has no EOI and is refused here even where libjpeg would
 * decode it.
 */
export function checkJpegStructure(bytes: Uint8Array): boolean {
  const n = bytes.length;
  let i = 2;
  let scans = 0;
  while (i + 1 < n) {
    if (bytes[i] !== 0xff) return false;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd9) return scans > 0;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (i + 3 >= n) return false;
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    if (length < 2 || i + 2 + length > n) return false;
    i += 2 + length;
    if (marker !== 0xda) continue;
    scans += 1;
    // Entropy-coded data runs to the next marker that is neither stuffing nor a restart.
    for (;;) {
      if (i + 1 >= n) return false;
      if (bytes[i] === 0xff) {
        const next = bytes[i + 1] ?? 0;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
          i += 2;
          continue;
        }
        if (next === 0xff) {
          i += 1;
          continue;
        }
        break;
      }
      i += 1;
    }
  }
  return false;
}

const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [
  [0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2],
] as const;

/** Bytes of filtered scanlines a PNG of this header decompresses to, exactly (Adam7 passes when interlaced). */
export function pngInflatedSize(h: { width: number; height: number; bitDepth: number; colorType: number; interlace: number }): number | null {
  const channels = PNG_CHANNELS[h.colorType];
  if (!channels || ![1, 2, 4, 8, 16].includes(h.bitDepth)) return null;
  const rowBytes = (w: number) => 1 + Math.ceil((w * channels * h.bitDepth) / 8);
  if (h.interlace === 0) return h.height * rowBytes(h.width);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const w = Math.ceil((h.width - x0) / dx);
    const rows = Math.ceil((h.height - y0) / dy);
    if (w > 0 && rows > 0) total += rows * rowBytes(w);
  }
  return total;
}

/**
 * The chunk structure of a PNG, checked before any pixel is decoded: every chunk in bounds with a
 * correct CRC, IHDR first, IDAT chunks consecutive, IEND present; and the compressed image data
 * inflates to exactly the size its header declares. That last check is the decompression-bomb
 * guard: it inflates with a hard output limit (zlib maxOutputLength) of the declared size, so a
 * stream that would inflate to hundreds of megabytes is cut off after the first megabyte or so.
 */
export function checkPngStructure(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = 8;
  let header: { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | null = null;
  const idat: Buffer[] = [];
  let idatDone = false;
  for (;;) {
    if (i + 12 > buf.length) return false;
    const length = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    if (length > 0x7fffffff || i + 12 + length > buf.length) return false;
    if (crc32(buf.subarray(i + 4, i + 8 + length)) !== buf.readUInt32BE(i + 8 + length)) return false;
    const data = buf.subarray(i + 8, i + 8 + length);
    if (!header) {
      if (type !== 'IHDR' || length !== 13) return false;
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8] ?? 0, colorType: data[9] ?? 0, interlace: data[12] ?? 0 };
    } else if (type === 'IDAT') {
      if (idatDone) return false;
      idat.push(data);
    } else if (idat.length) idatDone = true;
    i += 12 + length;
    if (type === 'IEND') break;
  }
  const expected = pngInflatedSize(header);
  if (expected === null || !idat.length) return false;
  try {
    return inflateSync(Buffer.concat(idat), { maxOutputLength: expected }).length === expected;
  } catch {
    // RangeError past maxOutputLength (more data than declared: a bomb), or a broken stream.
    return false;
  }
}

/** Pixels of a decoded image, RGBA. libvips never decodes more than `maxPixels` (width × height). */
async function decodePixels(bytes: Uint8Array, maxPixels: number): Promise<{ width: number; height: number; data: Uint8Array }> {
  // failOn 'warning': any complaint of the decoder (bad Huffman code, premature end, excess or broken
  // compressed data…) refuses the file. limitInputPixels makes libvips refuse before allocating.
  const { data, info } = await sharp(bytes, { failOn: 'warning', limitInputPixels: maxPixels, sequentialRead: true })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new Error('unexpected channel count');
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/**
 * Validates by content, through sharp only (libvips: bounded memory, off the event loop): the bytes
 * must be a JPEG or PNG whose header (read first, without decoding: sharp's metadata) declares at
 * most the given dimensions, one page, and that then decodes completely with a pixel limit of
 * exactly that size. A decompression bomb (a small file declaring a small size whose compressed
 * data inflates far beyond it) is refused by the decoder without the excess ever being held.
 * Returns the decoded pixels (needed for redaction, reduction, face analysis and re-encoding).
 */
export async function decodeImage(bytes: Uint8Array, max: { width: number; height: number }): Promise<DecodedImage> {
  const format = sniffFormat(bytes);
  if (!format) throw new ImageRejected('NOT_AN_IMAGE', 'The file is not a JPEG or PNG image.');
  const maxPixels = max.width * max.height;
  // The header only (libvips loads pixels lazily): the limit is checked below, to say which one it was.
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => null);
  const size = headerSize(bytes, format);
  if (!meta?.width || !meta.height || !size || meta.format !== format) throw new ImageRejected('CORRUPT_IMAGE', 'The image header cannot be read.');
  if (meta.width > max.width || meta.height > max.height || size.width > max.width || size.height > max.height) {
    throw new ImageRejected('DIMENSIONS_TOO_LARGE', `The image is ${meta.width}×${meta.height}; at most ${max.width}×${max.height} is accepted.`);
  }
  try {
    if ((meta.pages ?? 1) !== 1) throw new Error('more than one frame');
    if (format === 'jpeg' && !checkJpegStructure(bytes)) throw new Error('bad marker structure');
    if (format === 'png' && !checkPngStructure(bytes)) throw new Error('bad chunk structure or image data');
    const img = await decodePixels(bytes, maxPixels);
    if (img.width !== meta.width || img.height !== meta.height) throw new Error('size mismatch');
    return { format, ...img };
  } catch (error) {
    if (error instanceof ImageRejected) throw error;
    throw new ImageRejected('CORRUPT_IMAGE', 'The image does not decode.');
  }
}

export async function encodeJpeg(img: { width: number; height: number; data: Uint8Array }, quality = 80): Promise<Uint8Array> {
  const out = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 4 } }).removeAlpha().jpeg({ quality }).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * What is stored is re-encoded from the decoded pixels, never the uploaded bytes: nothing after the
 * image's end (an HTML page, a ZIP), no metadata (EXIF, GPS), no comments survive, so a stored image
 * cannot be a polyglot. JPEG stays JPEG (quality 90: one generation, visually unchanged), PNG stays
 * PNG (lossless). sharp writes no metadata unless asked to.
 */
export async function reencode(img: DecodedImage): Promise<Uint8Array> {
  const pipeline = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 4 } }).removeAlpha();
  const out = await (img.format === 'png' ? pipeline.png({ compressionLevel: 6 }) : pipeline.jpeg({ quality: 90 })).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export interface RedactionArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Solid black blocks over fractional areas (same rule as the agent: edges round outwards). */
export function redact(img: DecodedImage, areas: readonly RedactionArea[]): void {
  for (const a of areas) {
    const left = Math.max(0, Math.floor(a.x * img.width));
    const top = Math.max(0, Math.floor(a.y * img.height));
    const right = Math.min(img.width, Math.ceil((a.x + a.width) * img.width));
    const bottom = Math.min(img.height, Math.ceil((a.y + a.height) * img.height));
    for (let row = top; row < bottom; row++) {
      const start = (row * img.width + left) * 4;
      img.data.fill(0, start, start + (right - left) * 4);
      for (let i = start + 3; i < start + (right - left) * 4; i += 4) img.data[i] = 255;
    }
  }
}

/** Box-filter downscale to fit within max (REDUCED mode), keeping the aspect ratio. */
export function reduce(img: DecodedImage, max: { width: number; height: number }): DecodedImage {
  const scale = Math.max(img.width / max.width, img.height / max.height);
  if (scale <= 1) return img;
  const w = Math.max(1, Math.floor(img.width / scale));
  const h = Math.max(1, Math.floor(img.height / scale));
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * scale);
    const y1 = Math.min(img.height, Math.max(y0 + 1, Math.floor((y + 1) * scale)));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * scale);
      const x1 = Math.min(img.width, Math.max(x0 + 1, Math.floor((x + 1) * scale)));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const p = (sy * img.width + sx) * 4;
          r += img.data[p] ?? 0;
          g += img.data[p + 1] ?? 0;
          b += img.data[p + 2] ?? 0;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * w + x) * 4;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
      out[o + 3] = 255;
    }
  }
  return { format: img.format, width: w, height: h, data: out };
}
