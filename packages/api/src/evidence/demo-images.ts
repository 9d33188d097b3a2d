import { encodeJpeg } from './image';

// Synthetic but real JPEGs for the demo world: a webcam still (a wall, the worker, and for peeking
// a second person over his shoulder) and a desktop screenshot (taskbar, a window with lines of
// "text"). Deterministic per seed, so every fresh demo looks the same. No photograph of a real
// person is shipped with the product.

type Rgb = readonly [number, number, number];

class Canvas {
  readonly data: Uint8Array;
  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8Array(width * height * 4).fill(255);
  }

  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) this.set(xx, yy, c);
    }
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb): void {
    for (let yy = Math.max(0, Math.floor(cy - ry)); yy < Math.min(this.height, Math.ceil(cy + ry)); yy++) {
      for (let xx = Math.max(0, Math.floor(cx - rx)); xx < Math.min(this.width, Math.ceil(cx + rx)); xx++) {
        if (((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2 <= 1) this.set(xx, yy, c);
      }
    }
  }

  gradient(top: Rgb, bottom: Rgb): void {
    for (let y = 0; y < this.height; y++) {
      const f = y / Math.max(1, this.height - 1);
      const mix = (a: number, b: number) => Math.round(a * (1 - f) + b * f);
      this.rect(0, y, this.width, 1, [mix(top[0], bottom[0]), mix(top[1], bottom[1]), mix(top[2], bottom[2])]);
    }
  }

  private set(x: number, y: number, c: Rgb): void {
    const i = (y * this.width + x) * 4;
    this.data[i] = c[0];
    this.data[i + 1] = c[1];
    this.data[i + 2] = c[2];
    this.data[i + 3] = 255;
  }

  jpeg(): Promise<Uint8Array> {
    return encodeJpeg({ width: this.width, height: this.height, data: this.data }, 85);
  }
}

/** A small deterministic generator (mulberry32), so the demo images do not change between installs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function person(c: Canvas, cx: number, top: number, scale: number, shirt: Rgb): void {
  c.ellipse(cx, top + 250 * scale, 150 * scale, 110 * scale, shirt);
  c.rect(Math.round(cx - 22 * scale), Math.round(top + 120 * scale), Math.round(44 * scale), Math.round(50 * scale), [224, 186, 160]);
  c.ellipse(cx, top + 80 * scale, 62 * scale, 80 * scale, [232, 196, 170]);
  c.ellipse(cx, top + 20 * scale, 64 * scale, 34 * scale, [58, 44, 36]);
  c.ellipse(cx - 22 * scale, top + 78 * scale, 7 * scale, 5 * scale, [40, 30, 28]);
  c.ellipse(cx + 22 * scale, top + 78 * scale, 7 * scale, 5 * scale, [40, 30, 28]);
  c.rect(Math.round(cx - 16 * scale), Math.round(top + 120 * scale), Math.round(32 * scale), Math.round(5 * scale), [170, 90, 90]);
}

/** A 640×480 webcam still; `faces` 2 adds a second person looking over the worker's shoulder. */
export function demoCameraStill(seed: number, faces: number): Promise<Uint8Array> {
  const rnd = random(seed);
  const c = new Canvas(640, 480);
  c.gradient([206, 212, 218], [168, 172, 180]);
  c.rect(40 + Math.floor(rnd() * 40), 60, 120, 170, [120, 92, 70]);
  if (faces > 1) person(c, 500, 70, 0.7, [70, 110, 80]);
  const shirts: Rgb[] = [[40, 60, 110], [90, 90, 96], [120, 40, 50]];
  person(c, 300 + Math.floor(rnd() * 40), 120, 1, shirts[Math.floor(rnd() * shirts.length)] ?? [40, 60, 110]);
  return c.jpeg();
}

/** A desktop screenshot (1280×720): taskbar, a document window with lines of text, a side panel. */
export function demoScreenshot(seed: number): Promise<Uint8Array> {
  const rnd = random(seed ^ 0x5eed);
  const c = new Canvas(1280, 720);
  c.gradient([34, 84, 150], [20, 50, 100]);
  c.rect(0, 680, 1280, 40, [32, 36, 44]);
  for (let i = 0; i < 6; i++) c.rect(60 + i * 52, 688, 36, 24, [90 + i * 20, 120, 160]);
  const x = 90 + Math.floor(rnd() * 60);
  c.rect(x, 50, 900, 600, [250, 250, 250]);
  c.rect(x, 50, 900, 34, [220, 224, 230]);
  for (const [i, col] of ([[0, [232, 80, 70]], [1, [240, 180, 60]], [2, [90, 190, 90]]] as const).entries()) c.ellipse(x + 20 + i * 22, 67, 7, 7, col[1]);
  for (let line = 0; line < 22; line++) {
    const w = 300 + Math.floor(rnd() * 520);
    c.rect(x + 40, 110 + line * 24, w, 10, line % 7 === 0 ? [40, 70, 140] : [120, 124, 130]);
  }
  c.rect(1030, 50, 220, 600, [236, 240, 246]);
  for (let row = 0; row < 12; row++) c.rect(1045, 70 + row * 46, 190, 30, row % 3 === 0 ? [200, 220, 245] : [255, 255, 255]);
  return c.jpeg();
}
