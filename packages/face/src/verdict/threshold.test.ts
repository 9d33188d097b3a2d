import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLD_LEVEL,
  IMPOSTOR_DISTANCE,
  LEVEL_FALSE_ACCEPT_RATES,
  THRESHOLD_LEVELS,
  isThresholdLevel,
  normalQuantile,
  similarityThreshold,
  type ThresholdLevel,
} from './threshold';

const LEVELS = [1, 2, 3, 4, 5] as const;

describe('threshold levels', () => {
  it('get stricter from level 1 to level 5, with 3 as the default', () => {
    const values = LEVELS.map((l) => similarityThreshold(l));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(5);
    expect(DEFAULT_THRESHOLD_LEVEL).toBe(3);
    expect(similarityThreshold(3)).toBe(THRESHOLD_LEVELS[3]);
  });

  it('mean the false-accept rates of the issue: 5 %, 2 %, 1 %, 0.3 %, 0.1 %', () => {
    expect(LEVEL_FALSE_ACCEPT_RATES).toEqual({ 1: 0.05, 2: 0.02, 3: 0.01, 4: 0.003, 5: 0.001 });
  });

  it('inverse normal: textbook quantiles', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644854, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });

  it('level 3 with one photo: a distance 2.326 standard deviations under the strangers’ mean', () => {
    expect(1 - similarityThreshold(3)).toBeCloseTo(IMPOSTOR_DISTANCE.mean - 2.326348 * IMPOSTOR_DISTANCE.sd, 5);
  });

  it('more enrolment photos never lower the threshold (so never raise false accepts)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEVELS), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (level: ThresholdLevel, a, b) => {
        const [few, many] = a <= b ? [a, b] : [b, a];
        expect(similarityThreshold(level, many)).toBeGreaterThanOrEqual(similarityThreshold(level, few));
      }),
    );
    expect(similarityThreshold(3, 0)).toBe(similarityThreshold(3, 1));
  });

  it('accepts only the integers 1..5 as levels', () => {
    expect([1, 2, 3, 4, 5].every(isThresholdLevel)).toBe(true);
    for (const bad of [0, 6, 2.5, '3', null, undefined]) expect(isThresholdLevel(bad)).toBe(false);
  });
});
