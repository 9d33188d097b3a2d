/**
 * Presentation-attack figures (ISO/IEC 30107-3 terms) of one spoof score (Human's antispoof `real`
 * or liveness `live`; higher = more like a live face). A capture counts as bona fide when its score
 * is ≥ the threshold. APCER: share of attack captures accepted as bona fide; BPCER: share of bona
 * fide captures refused as attacks. Pure: the scores come from the caller (src/spoof/cli.ts).
 */
import { equalErrorRate, thresholdForFar } from '../eval/verification-metrics';

export interface ErrorRates {
  apcer: number;
  bpcer: number;
}

export interface OperatingPoint extends ErrorRates {
  threshold: number;
}

export interface ScoreDistribution {
  count: number;
  min: number;
  p5: number;
  p25: number;
  median: number;
  p75: number;
  p95: number;
  max: number;
  mean: number;
}

const share = (scores: readonly number[], pick: (s: number) => boolean) => (scores.length === 0 ? 0 : scores.filter(pick).length / scores.length);

export function ratesAtThreshold(bonaFide: readonly number[], attack: readonly number[], threshold: number): ErrorRates {
  return { apcer: share(attack, (s) => s >= threshold), bpcer: share(bonaFide, (s) => s < threshold) };
}

/**
 * The threshold a deployment would pick on these captures: the lowest one (so the fewest bona fide
 * refused) whose APCER is at most `maxApcer`.
 */
export function thresholdAtApcer(attack: readonly number[], maxApcer: number): number {
  return thresholdForFar(attack, maxApcer);
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

export function distribution(scores: readonly number[]): ScoreDistribution {
  const s = [...scores].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1e4) / 1e4;
  return {
    count: s.length,
    min: round(s[0] ?? Number.NaN),
    p5: round(quantile(s, 0.05)),
    p25: round(quantile(s, 0.25)),
    median: round(quantile(s, 0.5)),
    p75: round(quantile(s, 0.75)),
    p95: round(quantile(s, 0.95)),
    max: round(s.at(-1) ?? Number.NaN),
    mean: round(s.length === 0 ? Number.NaN : s.reduce((a, b) => a + b, 0) / s.length),
  };
}

/** Scores of one half of the captures (halves are by source photo, so a photo and its re-captures stay together). */
export interface HalfScores {
  bonaFide: readonly number[];
  attack: readonly number[];
}

export interface SpoofFigures {
  /** Equal-error rate over both halves. */
  eer: number;
  /** Threshold chosen on the fit half (APCER ≤ maxApcer there, fewest bona fide refused), and its rates there. */
  fit: OperatingPoint;
  /** The same threshold on the held-out half. */
  heldOut: ErrorRates;
  /** Whether the held-out rates meet the keep rule. */
  separates: boolean;
}

/** The keep rule: a model stays in the product only if, on the held-out half, at APCER ≤ 10 %, BPCER ≤ 5 %. */
export const KEEP_RULE = { maxApcer: 0.1, maxBpcer: 0.05 } as const;

export function spoofFigures(fit: HalfScores, heldOut: HalfScores, rule: { maxApcer: number; maxBpcer: number } = KEEP_RULE): SpoofFigures {
  const threshold = thresholdAtApcer(fit.attack, rule.maxApcer);
  const held = ratesAtThreshold(heldOut.bonaFide, heldOut.attack, threshold);
  return {
    eer: equalErrorRate({ genuine: [...fit.bonaFide, ...heldOut.bonaFide], impostor: [...fit.attack, ...heldOut.attack] }),
    fit: { threshold, ...ratesAtThreshold(fit.bonaFide, fit.attack, threshold) },
    heldOut: held,
    separates: held.apcer <= rule.maxApcer && held.bpcer <= rule.maxBpcer && fit.attack.length > 0 && heldOut.attack.length > 0,
  };
}
