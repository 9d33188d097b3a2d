import type { FaceObservation, FrameAnalysis } from '../verdict/types';

/** A plausible single-face observation; tests override what they are about. */
export function observation(overrides: Partial<FaceObservation> = {}): FaceObservation {
  return {
    score: 0.99,
    boxScore: 0.9,
    faceScore: 0.99,
    box: [200, 100, 180, 180],
    embedding: [1, 0, 0, 0],
    real: 0.9,
    live: 0.95,
    sharpness: 1500,
    ...overrides,
  };
}

export function frame(...faces: FaceObservation[]): FrameAnalysis {
  return { width: 640, height: 480, faces };
}

/** The enrolled embedding the helpers below are measured against. */
export const ENROLLED: readonly number[] = [0, 0, 0, 0];

/**
 * An embedding whose similarity to ENROLLED is about `similarity` (0 ≤ s ≤ 1): similarity is
 * 1 − euclidean distance, so one component of 1 − s (exact up to floating-point rounding).
 */
export function embeddingAt(similarity: number): number[] {
  return [1 - similarity, 0, 0, 0];
}
