import { describe, expect, it } from 'vitest';
import { distribution, ratesAtThreshold, spoofFigures, thresholdAtApcer } from './spoof-metrics';

describe('spoof metrics', () => {
  it('counts attacks at or above the threshold as accepted and bona fide below it as refused', () => {
    expect(ratesAtThreshold([0.9, 0.8, 0.4, 0.2], [0.1, 0.5, 0.85], 0.5)).toEqual({ apcer: 2 / 3, bpcer: 0.5 });
  });

  it('picks the lowest threshold that keeps the attacks accepted within the allowed share', () => {
    const attack = Array.from({ length: 10 }, (_, i) => i / 10); // 0 … 0.9
    const t = thresholdAtApcer(attack, 0.1);
    expect(ratesAtThreshold([], attack, t).apcer).toBe(0.1);
    expect(t).toBeGreaterThan(0.8);
    expect(t).toBeLessThanOrEqual(0.9);
  });

  it('carries the fit half threshold to the held-out half and applies the keep rule there', () => {
    const separated = spoofFigures({ bonaFide: [0.9, 0.95, 0.8], attack: [0.1, 0.2, 0.3] }, { bonaFide: [0.85, 0.9], attack: [0.2, 0.25] });
    expect(separated.heldOut).toEqual({ apcer: 0, bpcer: 0 });
    expect(separated.separates).toBe(true);
    expect(separated.eer).toBe(0);
    // Overlapping scores: the threshold that refuses the fit half's attacks refuses bona fide too.
    const overlapping = spoofFigures({ bonaFide: [0.4, 0.6, 0.9], attack: [0.5, 0.7, 0.8] }, { bonaFide: [0.5, 0.95], attack: [0.6, 0.9] });
    expect(overlapping.separates).toBe(false);
    expect(overlapping.heldOut.apcer + overlapping.heldOut.bpcer).toBeGreaterThan(0.05);
  });

  it('summarises a distribution with interpolated quantiles', () => {
    const d = distribution([0, 0.25, 0.5, 0.75, 1]);
    expect(d).toMatchObject({ count: 5, min: 0, median: 0.5, max: 1, mean: 0.5, p25: 0.25, p75: 0.75 });
    expect(d.p5).toBeCloseTo(0.05, 6);
  });
});
