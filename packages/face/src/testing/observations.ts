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
 * An embedding whose similarity to ENROLLED is `similarity` (0 < s ≤ 1): with Human's formula a
 * single differing component v gives s = (0.8 − 5v/100) / 0.6, so v = 16 − 12 s.
 */
export function embeddingAt(similarity: number): number[] {
  return [16 - 12 * similarity, 0, 0, 0];
}
