import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RgbImage } from '../image/rgb-image';

export class UnsupportedImageError extends Error {
  constructor() {
    super('unsupported image: expected JPEG or PNG bytes');
    this.name = 'UnsupportedImageError';
  }
}

const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
const isPng = (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;

function rgbaToRgb(width: number, height: number, rgba: Uint8Array): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let p = 0, i = 0, o = 0; p < width * height; p++, i += 4, o += 3) {
    data[o] = rgba[i] ?? 0;
    data[o + 1] = rgba[i + 1] ?? 0;
    data[o + 2] = rgba[i + 2] ?? 0;
  }
  return { width, height, data };
}

/**
 * Decodes JPEG or PNG bytes to RGB in pure JavaScript (no native addon, so it installs anywhere
 * Node runs). The memory cap refuses decompression bombs: a 4K photo needs ~35 MB of RGBA.
 */
export function decodeImage(bytes: Uint8Array): RgbImage {
  if (isJpeg(bytes)) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 256, maxResolutionInMP: 40 });
    return rgbaToRgb(img.width, img.height, img.data);
  }
  if (isPng(bytes)) {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return rgbaToRgb(png.width, png.height, png.data);
  }
  throw new UnsupportedImageError();
}
