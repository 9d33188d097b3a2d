import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { checkJpegStructure, decodeImage, encodeJpeg, ImageRejected } from './image';
import { makeJpeg } from './test-helpers';

const CAMERA = { width: 640, height: 480 };

async function reason(bytes: Uint8Array, max = CAMERA): Promise<string> {
  try {
    await decodeImage(bytes, max);
    return 'ACCEPTED';
  } catch (error) {
    return error instanceof ImageRejected ? error.reason : String(error);
  }
}

describe('content validation of uploaded images', () => {
  it('decodes a real JPEG and a real PNG to RGBA pixels of their size', async () => {
    const jpeg = await decodeImage(makeJpeg(320, 240, { noise: 30 }), CAMERA);
    expect({ format: jpeg.format, w: jpeg.width, h: jpeg.height, bytes: jpeg.data.length }).toEqual({ format: 'jpeg', w: 320, h: 240, bytes: 320 * 240 * 4 });
    // The gradient survives: the pixel at (100, 50) is close to (100, 50, 100^50).
    const p = (50 * 320 + 100) * 4;
    expect(Math.abs((jpeg.data[p] ?? 0) - 100)).toBeLessThan(40);
    const png = new PNG({ width: 30, height: 20 });
    png.data.fill(200);
    expect(await decodeImage(new Uint8Array(PNG.sync.write(png)), CAMERA)).toMatchObject({ format: 'png', width: 30, height: 20 });
  });

  it('refuses what is not an image, too large, truncated, or junk behind a valid header', async () => {
    const real = makeJpeg(320, 240, { noise: 60 });
    const junk = new Uint8Array(real);
    junk.fill(0x41, 700);
    const badStuffing = new Uint8Array(real);
    badStuffing.set([0xff, 0x13], 1200);
    expect(await reason(new TextEncoder().encode('not an image at all'))).toBe('NOT_AN_IMAGE');
    expect(await reason(makeJpeg(641, 480))).toBe('DIMENSIONS_TOO_LARGE');
    expect(await reason(real.subarray(0, 2000))).toBe('CORRUPT_IMAGE');
    expect(await reason(junk)).toBe('CORRUPT_IMAGE');
    expect(await reason(badStuffing)).toBe('CORRUPT_IMAGE');
    expect(await reason(real)).toBe('ACCEPTED');
  });

  it('checks the JPEG marker structure: in-bound segments, stuffed scan data, an EOI after the scan', () => {
    const real = makeJpeg(64, 48, { noise: 30 });
    expect(checkJpegStructure(real)).toBe(true);
    expect(checkJpegStructure(new Uint8Array([...real, 0x00, 0x00]))).toBe(true); // trailing bytes after EOI
    expect(checkJpegStructure(real.subarray(0, real.length - 2))).toBe(false); // no EOI
    expect(checkJpegStructure(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBe(false); // no scan at all
    const outOfBounds = new Uint8Array(real);
    outOfBounds.set([0xff, 0xff], 4); // the APP0 length now runs past the end
    expect(checkJpegStructure(outOfBounds)).toBe(false);
  });

  it('re-encodes pixels as a JPEG that decodes back to the same size', async () => {
    const img = await decodeImage(makeJpeg(200, 100, { noise: 10 }), CAMERA);
    const again = await decodeImage(await encodeJpeg(img), CAMERA);
    expect({ w: again.width, h: again.height }).toEqual({ w: 200, h: 100 });
  });
});
