import { describe, expect, it } from 'vitest';
import { compare, enrolmentFigures, equalErrorRate, nextUp, tarAtFar, thresholdForFar, type Matcher } from './verification-metrics';

// 1-d "descriptors": a score is minus the distance to the nearest enrolled value.
const matcher: Matcher<number> = {
  score: (p, enrolled) => -Math.min(...enrolled.map((e) => Math.abs(e - p))),
  threshold: (level) => -level,
};

describe('verification metrics (worked examples)', () => {
  it('counts pairs: 2 people × 3 photos give 6 genuine and 9 impostor pairs; a missing face takes no part', () => {
    const people = [
      { label: 'a', descriptors: [0, 1, 2] },
      { label: 'b', descriptors: [10, 11, 12] },
    ];
    const c = compare(people, matcher, 1);
    expect([...c.genuine].sort((x, y) => x - y)).toEqual([-2, -2, -1, -1, -1, -1]);
    expect(c.impostor).toHaveLength(9);
    expect(Math.max(...c.impostor)).toBe(-8);
    const missing = compare([{ label: 'a', descriptors: [0, null, 2] }, people[1] ?? { label: 'b', descriptors: [] }], matcher, 1);
    expect(missing.genuine).toHaveLength(1 + 3);
    expect(missing.impostor).toHaveLength(6);
  });

  it('with 2 enrolled photos each run of two is one enrolment, probed by the rest', () => {
    const people = [
      { label: 'a', descriptors: [0, 1, 2] },
      { label: 'b', descriptors: [10, 11, 12] },
    ];
    const c = compare(people, matcher, 2);
    // per person 3 enrolments × 1 genuine probe, × 3 impostor probes
    expect(c.genuine).toHaveLength(6);
    expect(c.impostor).toHaveLength(18);
    // enrolment {0,1} probed by 2 → -1; {1,2} by 0 → -1; {2,0} by 1 → -1
    expect(c.genuine.filter((s) => s === -1)).toHaveLength(6);
  });

  it('EER, TAR at FAR and thresholds on hand-made scores', () => {
    const c = { genuine: [0.9, 0.8, 0.7, 0.4], impostor: [0.1, 0.2, 0.3, 0.75] };
    // at t = 0.75: FRR 1/4, FAR 1/4
    expect(equalErrorRate(c)).toBeCloseTo(0.25);
    expect(tarAtFar(c, 0)).toBeCloseTo(0.5);
    // t = 0.4 accepts every genuine and only the 0.75 impostor
    expect(tarAtFar(c, 0.25)).toBeCloseTo(1);
    expect(thresholdForFar(c.impostor, 0)).toBe(nextUp(0.75));
    expect(thresholdForFar(c.impostor, 0.25)).toBe(nextUp(0.3));
    expect(nextUp(0.3)).toBeGreaterThan(0.3);
    expect(nextUp(-0.3)).toBeGreaterThan(-0.3);
  });

  it('reports each level with its threshold', () => {
    const people = [
      { label: 'a', descriptors: [0, 1] },
      { label: 'b', descriptors: [3, 4] },
    ];
    const f = enrolmentFigures(people, matcher, 1, [1, 3]);
    expect(f.genuinePairs).toBe(2);
    expect(f.impostorPairs).toBe(4);
    expect(f.levels).toEqual([
      { level: 1, threshold: -1, tar: 1, far: 0 },
      { level: 3, threshold: -3, tar: 1, far: 0.75 },
    ]);
  });
});
