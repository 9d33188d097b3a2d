import type { PixelSource } from './sharpness';

/** Every STEP-th pixel in both directions: 1/64 of a 640×480 frame is plenty for a mean and spread. */
const STEP = 8;

/**
 * Mean and standard deviation of the frame's brightness (Rec. 601 luma, 0..255), on a sparse grid.
 * A lens cap, tape or a finger on the camera gives a nearly uniform frame: a tiny spread.
 */
export function frameLuma(image: PixelSource): { mean: number; sd: number } {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 0; y < image.height; y += STEP) {
    for (let x = 0; x < image.width; x += STEP) {
      const i = (y * image.width + x) * image.channels;
      const l = 0.299 * (image.data[i] ?? 0) + 0.587 * (image.data[i + 1] ?? 0) + 0.114 * (image.data[i + 2] ?? 0);
      n++;
      sum += l;
      sumSq += l * l;
    }
  }
  if (n === 0) return { mean: 0, sd: 0 };
  const mean = sum / n;
  return { mean, sd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}
