import { bestSimilarity } from './similarity';
import { DEFAULT_THRESHOLD_LEVEL, similarityThreshold, type ThresholdLevel } from './threshold';
import type { FaceObservation, FrameAnalysis } from './types';

export interface VerdictSettings {
  /** Tenant/agent threshold level (閾値レベル), 1 lenient … 5 strict. */
  level?: ThresholdLevel;
  /**
   * Anti-spoofing: a single face whose `real` score is below this is a spoof. Applies only to frames
   * analysed with the spoof models (`spoofModels: true`); the product's analyzers leave them out,
   * since on the fixtures and their synthetic screen/print re-captures neither Human's antispoof nor
   * its liveness model separated attacks from bona fide captures (README, "Spoof models": at 0.3 the
   * antispoof model accepted 100 % of re-captures).
   */
  minReal?: number;
  /** Liveness: a single face whose `live` score is below this is a spoof (same caveat as minReal). */
  minLive?: number;
}

export const DEFAULT_MIN_REAL = 0.3;

/**
 * How much better than every other face of a frame the best one must match the enrolment for the
 * worker to count as among the faces: 0.1 of similarity (= 0.1 of descriptor distance), a third of
 * the gap between the mean distances of the same person (0.43) and of strangers (0.76) on
 * faces-lfw10.
 */
export const WORKER_AMONG_FACES_MARGIN = 0.1;

/**
 * A frame whose brightness spreads less than this (luma standard deviation, 0..255) is taken for a
 * covered camera. Measured (src/node/covered-camera.test.ts): the least contrasted photo of
 * fixtures/faces and faces-lfw10 spreads 35.6; a black frame 0, a flat grey frame with ±10 levels
 * of noise about 6. Not measured on a real webcam under a cap: a dark room with nobody in it and a
 * very flat wall could pass as covered.
 */
export const COVERED_MAX_LUMA_SD = 8;

/** Nearly uniform (or black) frame: the camera is covered, not merely facing an empty seat. */
export function isCovered(frame: FrameAnalysis): boolean {
  return frame.luma !== undefined && frame.luma.sd < COVERED_MAX_LUMA_SD;
}
export const DEFAULT_MIN_LIVE = 0.5;

export type FrameVerdict =
  /** Nobody in the frame; `covered` when the frame is nearly uniform (a lens cap, tape, a finger). */
  | { kind: 'no-face'; faceCount: 0; covered?: true }
  /** Two or more faces: peeking. `workerAmongFaces` tells whether the enrolled worker is one of them. */
  | { kind: 'multiple-faces'; faceCount: number; bestSimilarity: number; workerAmongFaces: boolean }
  | { kind: 'unknown-face'; faceCount: 1; bestSimilarity: number }
  | { kind: 'spoof'; faceCount: 1; bestSimilarity: number; real: number | null; live: number | null }
  | { kind: 'present'; faceCount: 1; bestSimilarity: number };

export class NoEnrolmentError extends Error {
  constructor() {
    super('no enrolled face embeddings: enrol the worker before judging frames');
    this.name = 'NoEnrolmentError';
  }
}

const similarityOf = (face: FaceObservation, enrolled: readonly (readonly number[])[]) =>
  face.embedding ? bestSimilarity(face.embedding, enrolled) : 0;

/**
 * Judges one analysed frame against the worker's enrolled embeddings (several photos: the best
 * similarity over all of them counts, so one good enrolment photo is enough).
 */
export function judgeFrame(
  frame: FrameAnalysis,
  enrolled: readonly (readonly number[])[],
  settings: VerdictSettings = {},
): FrameVerdict {
  if (enrolled.length === 0) throw new NoEnrolmentError();
  const threshold = similarityThreshold(settings.level ?? DEFAULT_THRESHOLD_LEVEL, enrolled.length);
  const faces = frame.faces;
  const [only] = faces;
  if (only === undefined) return isCovered(frame) ? { kind: 'no-face', faceCount: 0, covered: true } : { kind: 'no-face', faceCount: 0 };
  if (faces.length > 1) {
    const [best = 0, second = 0] = faces.map((f) => similarityOf(f, enrolled)).sort((a, b) => b - a);
    // The worker is among the faces only when one face passes the threshold and clearly beats every
    // other one: two faces both close to the enrolment leave it open which one is the worker.
    const workerAmongFaces = best >= threshold && best - second >= WORKER_AMONG_FACES_MARGIN;
    return { kind: 'multiple-faces', faceCount: faces.length, bestSimilarity: best, workerAmongFaces };
  }
  const best = similarityOf(only, enrolled);
  const minReal = settings.minReal ?? DEFAULT_MIN_REAL;
  const minLive = settings.minLive ?? DEFAULT_MIN_LIVE;
  // A printed photo or a phone screen held to the camera fails here even when it shows the worker.
  if ((only.real !== null && only.real < minReal) || (only.live !== null && only.live < minLive)) {
    return { kind: 'spoof', faceCount: 1, bestSimilarity: best, real: only.real, live: only.live };
  }
  if (best >= threshold) return { kind: 'present', faceCount: 1, bestSimilarity: best };
  return { kind: 'unknown-face', faceCount: 1, bestSimilarity: best };
}
