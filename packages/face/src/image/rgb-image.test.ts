import { describe, expect, it } from 'vitest';
import { fitWithin, type RgbImage } from './rgb-image';

function solid(width: number, height: number, rgb: [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { width, height, data };
}

describe('fitWithin', () => {
  it('leaves images that already fit untouched', () => {
    const img = solid(640, 480, [1, 2, 3]);
    expect(fitWithin(img)).toBe(img);
  });

  it('scales landscape and portrait images into 640×480, keeping the aspect ratio', () => {
    expect(fitWithin(solid(1920, 1537, [0, 0, 0]))).toMatchObject({ width: 600, height: 480 });
    expect(fitWithin(solid(1280, 800, [0, 0, 0]))).toMatchObject({ width: 640, height: 400 });
    expect(fitWithin(solid(683, 1024, [0, 0, 0]))).toMatchObject({ width: 320, height: 480 });
  });

  it('averages the source pixels each output pixel covers', () => {
    // 4×2 → 2×1: left half black/white columns average to grey, right half stays red.
    const img: RgbImage = {
      width: 4,
      height: 2,
      data: Uint8Array.from([0, 0, 0, 255, 255, 255, 255, 0, 0, 255, 0, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 255, 0, 0]),
    };
    const out = fitWithin(img, 2, 2);
    expect(out).toMatchObject({ width: 2, height: 1 });
    expect(Array.from(out.data)).toEqual([128, 128, 128, 255, 0, 0]);
  });
});
