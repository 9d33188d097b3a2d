/**
 * Face similarity of two dlib ResNet-34 descriptors (128 floats, src/descriptor/dlib-resnet.ts):
 * 1 − their euclidean distance, floored at 0. The net was trained so that distances below about
 * 0.6 mean the same person; on faces-lfw10 same-person pairs average 0.43 and different people
 * 0.76 (README). Environment-free, so verdicts run without tfjs.
 */
export function faceDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}

/** 1 (identical) … 0 (a distance of 1 or more); embeddings of different lengths are not comparable: 0. */
export function faceSimilarity(a: readonly number[], b: readonly number[]): number {
  const dist = faceDistance(a, b);
  return Number.isFinite(dist) ? Math.max(0, 1 - dist) : 0;
}

/** Best similarity of one embedding against all enrolled embeddings of a user (0 when none). */
export function bestSimilarity(embedding: readonly number[], enrolled: readonly (readonly number[])[]): number {
  let best = 0;
  for (const e of enrolled) best = Math.max(best, faceSimilarity(embedding, e));
  return best;
}
