import { describe, expect, it } from 'vitest';
import { faceSharpness, type PixelSource } from './sharpness';

function picture(width: number, height: number, channels: 3 | 4, value: (x: number, y: number) => number): PixelSource {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = value(x, y);
      data.fill(v, (y * width + x) * channels, (y * width + x) * channels + 3);
    }
  }
  return { width, height, data, channels };
}

describe('faceSharpness', () => {
  const checker = (x: number, y: number) => ((Math.floor(x / 2) + Math.floor(y / 2)) % 2 ? 255 : 0);
  const gradient = (x: number) => Math.round((x / 127) * 255);

  it('is high for fine detail and zero for flat or smoothly shaded areas', () => {
    expect(faceSharpness(picture(128, 128, 3, checker), [0, 0, 128, 128])).toBeGreaterThan(10_000);
    expect(faceSharpness(picture(128, 128, 3, () => 90), [0, 0, 128, 128])).toBe(0);
    expect(faceSharpness(picture(128, 128, 3, gradient), [0, 0, 128, 128])).toBeLessThan(5);
  });

  it('reads RGBA canvas pixels like RGB ones', () => {
    const rgb = faceSharpness(picture(128, 128, 3, checker), [10, 10, 100, 100]);
    expect(faceSharpness(picture(128, 128, 4, checker), [10, 10, 100, 100])).toBe(rgb);
  });

  it('clips boxes that reach outside the frame and gives 0 for empty boxes', () => {
    const img = picture(64, 64, 3, checker);
    expect(faceSharpness(img, [-20, -20, 200, 200])).toBe(faceSharpness(img, [0, 0, 64, 64]));
    expect(faceSharpness(img, [70, 70, 10, 10])).toBe(0);
  });
});
