/**
 * Threshold levels (閾値レベル, a tenant/agent setting) → minimum similarity for "this is the
 * enrolled worker". Level 1 is the most lenient, 5 the strictest, 3 the default.
 *
 * Calibrated on the fixture photos (fixtures/faces) analysed exactly as the agent analyses a
 * webcam frame: downscaled to fit 640×480, WASM backend, faceres embeddings, similarity as Human's
 * `match.similarity`. Measured (see README.md for the full table):
 *   same person   vlado↔vlado1 0.41, vlado↔vlado5 (sunglasses) 0.36, vlado1↔vlado5 0.35,
 *                 a-1..4 pairwise 0.43–0.69
 *   other people  vs enrolled vlado: tetiana 0.21, christina 0.16, a-1..4 0.15–0.24;
 *                 any vlado photo vs any a/tetiana/christina photo at most 0.29
 * Level 3 (0.30) sits in the middle of the gap between the highest impostor against the vlado
 * enrolment (0.24) and the lowest genuine match (0.36), with room for webcam noise on both sides.
 * Level 4 (0.35) still admits the occluded vlado5; level 5 (0.40) only clear, frontal matches
 * (it refuses vlado5). Levels 1–2 tolerate poor cameras and light at the price of letting look-alikes
 * in (level 1 accepts tetiana against vlado at 0.21).
 */
export const THRESHOLD_LEVELS = {
  1: 0.2,
  2: 0.25,
  3: 0.3,
  4: 0.35,
  5: 0.4,
} as const;

export type ThresholdLevel = keyof typeof THRESHOLD_LEVELS;

export const DEFAULT_THRESHOLD_LEVEL: ThresholdLevel = 3;

export function isThresholdLevel(value: unknown): value is ThresholdLevel {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

export function similarityThreshold(level: ThresholdLevel): number {
  return THRESHOLD_LEVELS[level];
}
