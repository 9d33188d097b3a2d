// Issue 15, items 2 and 7: a decompression bomb and polyglot images, built here as an attacker builds
// them, against the decoder every untrusted upload goes through (decodeImage) and what is stored (reencode).
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkPngStructure, decodeImage, ImageRejected, pngInflatedSize, reencode } from './image';
import { chunk, makeJpeg, pngDeclaring } from './test-helpers';

const CAMERA = { width: 640, height: 480 };
/** The concatenated IDAT data of a PNG, inflated without a limit (test oracle only). */
function inflatedIdat(png: Buffer): number {
  const parts: Buffer[] = [];
  for (let i = 8; i < png.length; ) {
    const length = png.readUInt32BE(i);
    if (png.toString('latin1', i + 4, i + 8) === 'IDAT') parts.push(png.subarray(i + 8, i + 8 + length));
    i += 12 + length;
  }
  return inflateSync(Buffer.concat(parts)).length;
}

async function refusal(bytes: Uint8Array, max = CAMERA): Promise<string> {
  try {
    await decodeImage(bytes, max);
    return 'ACCEPTED';
  } catch (error) {
    return error instanceof ImageRejected ? error.reason : String(error);
  }
}

describe('decompression bombs', () => {
  it('the declared inflated size of a PNG matches what libpng writes, interlaced or not', async () => {
    for (const [w, h] of [[1, 1], [3, 5], [33, 17], [640, 480]] as const) {
      for (const progressive of [false, true]) {
        const png = await sharp({ create: { width: w, height: h, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 1 } } }).png({ progressive }).toBuffer();
        const expected = pngInflatedSize({ width: w, height: h, bitDepth: 8, colorType: 6, interlace: progressive ? 1 : 0 });
        expect({ w, h, progressive, size: expected }).toEqual({ w, h, progressive, size: inflatedIdat(png) });
        expect(checkPngStructure(png)).toBe(true);
      }
    }
  });

  it('refuses the interlaced-PNG bomb (a ~200 KB file declaring 640×480 that inflates to 200 MB), without inflating it', async () => {
    const bomb = await pngDeclaring(640, 480, 200_000_000, 1);
    expect(bomb.length).toBeLessThan(300_000);
    const before = process.memoryUsage().rss;
    expect(await refusal(bomb)).toBe('CORRUPT_IMAGE');
    // Loose guard only: inflating it would take 200 MB; the check stops at the declared ~1.2 MB.
    expect(process.memoryUsage().rss - before).toBeLessThan(100_000_000);
    expect(checkPngStructure(bomb)).toBe(false);
    // The same file with exactly the data its header declares is an ordinary (black, transparent) image.
    const honest = await pngDeclaring(640, 480, pngInflatedSize({ width: 640, height: 480, bitDepth: 8, colorType: 6, interlace: 1 }) ?? 0, 1);
    expect(await refusal(honest)).toBe('ACCEPTED');
  });

  it('refuses a tiny file declaring a huge size from its header, before decoding', async () => {
    // 100 000 × 100 000 RGBA would be 40 GB of pixels; the file holds a few bytes of data.
    expect(await refusal(await pngDeclaring(100_000, 100_000, 10, 0))).toBe('DIMENSIONS_TOO_LARGE');
    expect(await refusal(await pngDeclaring(641, 480, 10, 0))).toBe('DIMENSIONS_TOO_LARGE');
  });

  it('refuses a PNG with a broken CRC or data shorter than declared', async () => {
    const png = await sharp({ create: { width: 20, height: 10, channels: 4, background: '#336699' } }).png().toBuffer();
    const badCrc = new Uint8Array(png);
    badCrc[30] = (badCrc[30] ?? 0) ^ 0xff;
    expect(await refusal(badCrc)).toBe('CORRUPT_IMAGE');
    expect(await refusal(await pngDeclaring(64, 48, 100, 0))).toBe('CORRUPT_IMAGE');
  });
});

describe('polyglots are not stored byte for byte', () => {
  const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
  // A minimal ZIP (an empty archive's end-of-central-directory record, preceded by a local file header signature).
  const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(26), Buffer.from('PK\u0005\u0006'), Buffer.alloc(18)]);
  const has = (bytes: Uint8Array, needle: Buffer) => Buffer.from(bytes).includes(needle);

  it('a JPEG with HTML and a ZIP after its end is accepted, and what is stored ends at the image', async () => {
    const jpeg = makeJpeg(160, 120, { noise: 20 });
    const polyglot = new Uint8Array(Buffer.concat([jpeg, html, zip]));
    const img = await decodeImage(polyglot, CAMERA);
    const stored = await reencode(img);
    expect(has(stored, Buffer.from('<script>'))).toBe(false);
    expect(has(stored, Buffer.from('PK\u0005\u0006'))).toBe(false);
    expect([stored[stored.length - 2], stored[stored.length - 1]]).toEqual([0xff, 0xd9]);
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'jpeg', width: 160, height: 120 });
  });

  it('a script in a JPEG comment segment and EXIF metadata are not stored', async () => {
    const jpeg = Buffer.from(makeJpeg(64, 48));
    const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, html.length + 2]), html]);
    const withExif = await sharp(Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2)])).withExif({ IFD0: { Copyright: 'exif-marker-xyz' } }).jpeg().toBuffer();
    const input = Buffer.concat([withExif.subarray(0, 2), comment, withExif.subarray(2)]);
    expect(has(input, Buffer.from('<script>'))).toBe(true);
    expect(has(input, Buffer.from('exif-marker-xyz'))).toBe(true);
    const stored = await reencode(await decodeImage(new Uint8Array(input), CAMERA));
    expect(has(stored, Buffer.from('<script>'))).toBe(false);
    expect(has(stored, Buffer.from('exif-marker-xyz'))).toBe(false);
  });

  it('a PNG with data after IEND and a text chunk is stored as a clean PNG', async () => {
    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#112233' } }).png().toBuffer();
    const text = chunk('tEXt', Buffer.from('Comment\u0000<script>x</script>', 'latin1'));
    const iend = png.length - 12;
    const input = new Uint8Array(Buffer.concat([png.subarray(0, iend), text, png.subarray(iend), html]));
    const stored = await reencode(await decodeImage(input, CAMERA));
    expect(has(stored, Buffer.from('<script>'))).toBe(false);
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'png', width: 20, height: 10 });
  });
});
