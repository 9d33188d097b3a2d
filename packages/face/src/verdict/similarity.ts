/**
 * Face similarity with the semantics of Human's `match.similarity` (3.3.6, default options):
 * squared Euclidean distance × 25 (rounded to 2 decimals), then `1 - sqrt(d)/100` mapped from
 * 0.2..0.8 onto 0..1, clamped and rounded to 2 decimals. Re-implemented here so verdicts run without
 * tfjs (in tests, in the server, in a worker); a test checks it against Human's own function on real
 * embeddings.
 */
const MULTIPLIER = 25;
const MIN = 0.2;
const MAX = 0.8;

export function faceDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    sum += diff * diff;
  }
  return Math.round(100 * MULTIPLIER * sum) / 100;
}

/** 0 (nothing alike) .. 1 (identical); embeddings of different lengths are not comparable: 0. */
export function faceSimilarity(a: readonly number[], b: readonly number[]): number {
  const dist = faceDistance(a, b);
  if (dist === 0) return 1;
  if (!Number.isFinite(dist)) return 0;
  const norm = (1 - Math.sqrt(dist) / 100 - MIN) / (MAX - MIN);
  return Math.round(100 * Math.max(Math.min(norm, 1), 0)) / 100;
}

/** Best similarity of one embedding against all enrolled embeddings of a user (0 when none). */
export function bestSimilarity(embedding: readonly number[], enrolled: readonly (readonly number[])[]): number {
  let best = 0;
  for (const e of enrolled) best = Math.max(best, faceSimilarity(embedding, e));
  return best;
}
