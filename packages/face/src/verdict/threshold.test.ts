import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD_LEVEL, THRESHOLD_LEVELS, isThresholdLevel, similarityThreshold } from './threshold';

describe('threshold levels', () => {
  it('get stricter from level 1 to level 5, with 3 as the default', () => {
    const values = ([1, 2, 3, 4, 5] as const).map(similarityThreshold);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(5);
    expect(DEFAULT_THRESHOLD_LEVEL).toBe(3);
    expect(similarityThreshold(3)).toBe(THRESHOLD_LEVELS[3]);
  });

  it('accepts only the integers 1..5 as levels', () => {
    expect([1, 2, 3, 4, 5].every(isThresholdLevel)).toBe(true);
    for (const bad of [0, 6, 2.5, '3', null, undefined]) expect(isThresholdLevel(bad)).toBe(false);
  });
});
