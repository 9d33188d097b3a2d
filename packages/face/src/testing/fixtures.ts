import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RgbImage } from '../image/rgb-image';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The face photos live in the repository's fixtures/ folder (see its README for their origin and licence). */
export const FACES_DIR = path.resolve(packageDir, '../../fixtures/faces');

export const fixture = (name: string) => path.join(FACES_DIR, name);

export const VLADO = ['person-vlado.jpg', 'person-vlado1.jpg', 'person-vlado5.jpg'] as const;
export const A_SET = ['stock-emotions-a-1.jpg', 'stock-emotions-a-2.jpg', 'stock-emotions-a-3.jpg', 'stock-emotions-a-4.jpg'] as const;
export const STRANGERS = ['person-tetiana.jpg', 'person-christina.jpg'] as const;
export const GROUPS = ['group-2.jpg', 'group-3.jpg'] as const;
export const BACKGROUND = 'background.jpg';

/** Square box blur, to make a soft version of a sharp photo. */
export function boxBlur(image: RgbImage, radius: number): RgbImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        let n = 0;
        for (let dy = -radius; dy <= radius; dy++) {
          const yy = y + dy;
          if (yy < 0 || yy >= height) continue;
          for (let dx = -radius; dx <= radius; dx++) {
            const xx = x + dx;
            if (xx < 0 || xx >= width) continue;
            sum += data[(yy * width + xx) * 3 + c] ?? 0;
            n++;
          }
        }
        out[(y * width + x) * 3 + c] = Math.round(sum / n);
      }
    }
  }
  return { width, height, data: out };
}
