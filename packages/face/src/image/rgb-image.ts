/** A decoded picture: `data` holds width × height × 3 bytes, RGB, row after row. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Evidence and analysis frames are at most 640×480 (the webcam still size in the domain docs). */
export const FRAME_MAX_WIDTH = 640;
export const FRAME_MAX_HEIGHT = 480;

/**
 * Scales an image down (never up) to fit inside maxWidth × maxHeight, keeping its aspect ratio.
 * Each output pixel is the mean of the source pixels it covers (a box filter): plain subsampling
 * of a 1920-wide group photo aliases small faces badly enough to lose detections.
 */
export function fitWithin(image: RgbImage, maxWidth = FRAME_MAX_WIDTH, maxHeight = FRAME_MAX_HEIGHT): RgbImage {
  const scale = Math.min(maxWidth / image.width, maxHeight / image.height, 1);
  if (scale === 1) return image;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const out = new Uint8Array(width * height * 3);
  const xStep = image.width / width;
  const yStep = image.height / height;
  for (let oy = 0; oy < height; oy++) {
    const y0 = Math.floor(oy * yStep);
    const y1 = Math.max(y0 + 1, Math.min(image.height, Math.floor((oy + 1) * yStep)));
    for (let ox = 0; ox < width; ox++) {
      const x0 = Math.floor(ox * xStep);
      const x1 = Math.max(x0 + 1, Math.min(image.width, Math.floor((ox + 1) * xStep)));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y1; y++) {
        let i = (y * image.width + x0) * 3;
        for (let x = x0; x < x1; x++) {
          r += image.data[i] ?? 0;
          g += image.data[i + 1] ?? 0;
          b += image.data[i + 2] ?? 0;
          i += 3;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (oy * width + ox) * 3;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
    }
  }
  return { width, height, data: out };
}
