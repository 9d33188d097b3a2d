import { describe, expect, it } from 'vitest';
import { captureSize, planScreenshot, redactBitmap, screenshotsOf, type ScreenImage, type Size } from './screenshot-policy';

function bitmap(width: number, height: number) {
  return new Uint8Array(width * height * 4).fill(200);
}
/** Which pixels are black, as rows of '#' and '.'. */
function picture(data: Uint8Array, width: number, height: number) {
  const rows: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    for (let x = 0; x < width; x++) row += data[(y * width + x) * 4] === 0 ? '#' : '.';
    rows.push(row);
  }
  return rows;
}

describe('planScreenshot', () => {
  it('captures full size, half size, or redacted', () => {
    expect(planScreenshot({ screenshotMode: 'FULL', redactionAreas: null })).toEqual({ capture: true, size: { width: 1920, height: 1080 }, redact: [] });
    expect(planScreenshot({ screenshotMode: 'REDUCED', redactionAreas: [{ x: 0, y: 0, width: 1, height: 1 }] })).toEqual({ capture: true, size: captureSize('REDUCED'), redact: [] });
    const areas = [{ x: 0.5, y: 0, width: 0.5, height: 0.1 }];
    expect(planScreenshot({ screenshotMode: 'REDACTED', redactionAreas: areas })).toEqual({ capture: true, size: { width: 1920, height: 1080 }, redact: areas });
  });

  it('takes no screenshot when the redaction areas cannot be read', () => {
    expect(planScreenshot({ screenshotMode: 'REDACTED', redactionAreas: [{ x: 10, y: 10, width: 300, height: 200 }] })).toEqual({ capture: false });
    expect(planScreenshot({ screenshotMode: 'REDACTED', redactionAreas: 'top half' })).toEqual({ capture: false });
  });
});

describe('redactBitmap', () => {
  it('blackens exactly the covered pixels, rounding edges outwards', () => {
    const data = bitmap(8, 4);
    redactBitmap(data, { width: 8, height: 4 }, [{ x: 0.3, y: 0.25, width: 0.3, height: 0.3 }]);
    expect(picture(data, 8, 4)).toEqual(['........', '..###...', '..###...', '........']);
    expect(data[(1 * 8 + 2) * 4 + 3]).toBe(255);
  });

  it('clamps areas at the screen edge and handles several', () => {
    const data = bitmap(6, 3);
    redactBitmap(data, { width: 6, height: 3 }, [{ x: 0.9, y: 0.5, width: 1, height: 1 }, { x: 0, y: 0, width: 0.2, height: 0.2 }]);
    expect(picture(data, 6, 3)).toEqual(['##....', '.....#', '.....#']);
  });

  it('refuses a bitmap that does not match its size', () => {
    expect(() => redactBitmap(new Uint8Array(10), { width: 2, height: 2 }, [])).toThrow(RangeError);
  });
});

describe('screenshotsOf', () => {
  /** Stands in for Electron's NativeImage: "JPEG" bytes spell out the black pixels, so redaction is visible. */
  const screen = (size: Size, empty = false): ScreenImage => {
    const pixels = Buffer.from(bitmap(size.width, size.height));
    return { isEmpty: () => empty, getSize: () => size, toBitmap: () => pixels, toJPEG: () => Buffer.from(picture(pixels, size.width, size.height).join('|')) };
  };
  const nativeImage = { createFromBitmap: (buffer: Buffer, size: Size) => ({ toJPEG: () => Buffer.from(picture(buffer, size.width, size.height).join('|')) }) };

  it('encodes every screen, skipping empty ones, with the areas blackened on each', () => {
    const shots = screenshotsOf([screen({ width: 4, height: 2 }), screen({ width: 2, height: 2 }, true), screen({ width: 2, height: 2 })], [{ x: 0, y: 0, width: 0.5, height: 0.5 }], nativeImage);
    expect(shots.map((b) => Buffer.from(b).toString())).toEqual(['##..|....', '#.|..']);
  });

  it('encodes as captured when nothing is to be hidden', () => {
    expect(screenshotsOf([screen({ width: 2, height: 1 })], [], nativeImage).map((b) => Buffer.from(b).toString())).toEqual(['..']);
  });
});
