import type { FaceBox } from '../verdict/types';

/** Pixels as read from a decoded file (RGB) or a canvas `ImageData` (RGBA). */
export interface PixelSource {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
  channels: 3 | 4;
}

/** Side of the square grid the face is resampled to, so faces of any size compare alike. */
const GRID = 64;

/**
 * Sharpness of a face: the variance of the Laplacian of the face crop, resampled to 64×64 grey
 * pixels. Blur removes fine detail, which is what the Laplacian measures. Human's own scores do not
 * notice blur (a face blurred with an 8-pixel box filter still scores 1.0 in the mesh model), so
 * enrolment needs this separate measure. Returns 0 for an empty box.
 */
export function faceSharpness(image: PixelSource, box: FaceBox): number {
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(image.width, Math.ceil(box[0] + box[2]));
  const y1 = Math.min(image.height, Math.ceil(box[1] + box[3]));
  if (x1 - x0 < 2 || y1 - y0 < 2) return 0;
  const grey = new Float64Array(GRID * GRID);
  const sx = (x1 - x0) / GRID;
  const sy = (y1 - y0) / GRID;
  for (let gy = 0; gy < GRID; gy++) {
    for (let gx = 0; gx < GRID; gx++) {
      // Nearest sample, not an area mean: averaging would itself blur large faces.
      const x = Math.min(x1 - 1, x0 + Math.floor((gx + 0.5) * sx));
      const y = Math.min(y1 - 1, y0 + Math.floor((gy + 0.5) * sy));
      const i = (y * image.width + x) * image.channels;
      const r = image.data[i] ?? 0;
      const g = image.data[i + 1] ?? 0;
      const b = image.data[i + 2] ?? 0;
      grey[gy * GRID + gx] = 0.299 * r + 0.587 * g + 0.114 * b;
    }
  }
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < GRID - 1; y++) {
    for (let x = 1; x < GRID - 1; x++) {
      const c = y * GRID + x;
      const lap = (grey[c - 1] ?? 0) + (grey[c + 1] ?? 0) + (grey[c - GRID] ?? 0) + (grey[c + GRID] ?? 0) - 4 * (grey[c] ?? 0);
      sum += lap;
      sumSq += lap * lap;
      n++;
    }
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}
