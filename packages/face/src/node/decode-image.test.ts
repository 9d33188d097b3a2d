import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../testing/fixtures';
import { UnsupportedImageError, decodeImage } from './decode-image';

describe('decodeImage', () => {
  it('decodes a JPEG photo to RGB', () => {
    const img = decodeImage(readFileSync(fixture('person-vlado.jpg')));
    expect(img).toMatchObject({ width: 1024, height: 768 });
    expect(img.data.length).toBe(1024 * 768 * 3);
    // A real photo, not a blank buffer: many distinct values.
    expect(new Set(img.data).size).toBeGreaterThan(200);
  });

  it('decodes a PNG, dropping alpha', () => {
    const png = new PNG({ width: 2, height: 1 });
    png.data = Buffer.from([10, 20, 30, 255, 40, 50, 60, 0]);
    const img = decodeImage(PNG.sync.write(png));
    expect(img).toMatchObject({ width: 2, height: 1 });
    expect(Array.from(img.data)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('refuses other bytes', () => {
    expect(() => decodeImage(new TextEncoder().encode('GIF89a...'))).toThrow(UnsupportedImageError);
  });
});
