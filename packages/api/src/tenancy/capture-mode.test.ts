import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowsImage, CAPTURE_MODES, leastCapturing } from './capture-mode';

describe('allowsImage', () => {
  it('is the table of the issue: interval images only in the first mode, incident images not in verdict-only', () => {
    expect(CAPTURE_MODES.map((m) => [m, allowsImage(m, 'INTERVAL'), allowsImage(m, 'INCIDENT')])).toEqual([
      ['INTERVAL_AND_INCIDENT', true, true],
      ['INCIDENT_ONLY', false, true],
      ['VERDICT_ONLY', false, false],
    ]);
  });
});

describe('leastCapturing', () => {
  it('never allows an image that one of the modes forbids, and is one of them', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CAPTURE_MODES), { minLength: 1, maxLength: 6 }), (modes) => {
        const m = leastCapturing(modes);
        expect(m !== null && modes.includes(m)).toBe(true);
        for (const trigger of ['INTERVAL', 'INCIDENT'] as const) {
          if (modes.some((x) => !allowsImage(x, trigger))) expect(m && allowsImage(m, trigger)).toBe(false);
        }
      }),
    );
    expect(leastCapturing([])).toBeNull();
  });
});
