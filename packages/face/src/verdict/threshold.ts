/**
 * Threshold levels (閾値レベル, a tenant/agent setting). A level is a false-accept rate per check,
 * not a raw score: level 1 ≈ 5 %, 2 ≈ 2 %, 3 (default) 1 %, 4 0.3 %, 5 0.1 % of strangers' faces
 * accepted as the worker, with one enrolment photo.
 *
 * The threshold comes from the distance distribution of different people's descriptors on half of
 * faces-lfw10 (the 5 people at even positions by name: 1,000 pairs); the other half is held out and
 * both are reported in the README. Its lower tail, where strangers come close, is modelled as a
 * normal law through the empirical 5 % and 1 % quantiles of those pairs (distances 0.6373 and
 * 0.5899: mean 0.7516, standard deviation 0.0695). A law rather than the raw quantiles because 1,000
 * pairs cannot place a 0.1 % tail (one pair) nor the smaller per-photo targets below; fitted to the
 * tail rather than to all pairs because the whole-sample fit (0.7702 ± 0.0750) put level 3 at 1.5 %
 * on the calibration half itself.
 *
 * Several enrolment photos: the best of n comparisons counts, and a stranger may come close to any
 * one of them, so the false-accept target per photo is the level's rate divided by n. By the union
 * bound P(any of n accepts) ≤ Σ P(each accepts) = rate, so more photos never raise false accepts;
 * true accepts still grow because the worker's best photo is usually closer.
 */
export const LEVEL_FALSE_ACCEPT_RATES = {
  1: 0.05,
  2: 0.02,
  3: 0.01,
  4: 0.003,
  5: 0.001,
} as const;

export type ThresholdLevel = keyof typeof LEVEL_FALSE_ACCEPT_RATES;

export const DEFAULT_THRESHOLD_LEVEL: ThresholdLevel = 3;

/** Normal law of the lower tail of different people's descriptor distance (calibration half, see above). */
export const IMPOSTOR_DISTANCE = { mean: 0.7516, sd: 0.0695 } as const;

export function isThresholdLevel(value: unknown): value is ThresholdLevel {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/**
 * Inverse of the standard normal distribution function (P. J. Acklam's rational approximation,
 * relative error below 1.15e-9), for 0 < p < 1.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability out of (0, 1): ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const poly = (k: readonly number[], x: number) => k.reduce((acc, v) => acc * x + v, 0);
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/**
 * Minimum similarity (1 − distance) for "this is the enrolled worker" at a level, with
 * `enrolledCount` enrolment photos compared (best of them counts).
 */
export function similarityThreshold(level: ThresholdLevel, enrolledCount = 1): number {
  const n = Math.max(1, Math.floor(enrolledCount));
  const perPhoto = LEVEL_FALSE_ACCEPT_RATES[level] / n;
  const maxDistance = IMPOSTOR_DISTANCE.mean + IMPOSTOR_DISTANCE.sd * normalQuantile(perPhoto);
  return 1 - maxDistance;
}

/** The one-photo threshold of each level (shown in the console's settings). */
export const THRESHOLD_LEVELS: Record<ThresholdLevel, number> = {
  1: similarityThreshold(1),
  2: similarityThreshold(2),
  3: similarityThreshold(3),
  4: similarityThreshold(4),
  5: similarityThreshold(5),
};
