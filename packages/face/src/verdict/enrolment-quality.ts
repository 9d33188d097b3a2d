import type { FaceObservation, FrameAnalysis } from './types';

export interface EnrolmentQualitySettings {
  /** Shortest side of the face box, in pixels of the analysed (≤640×480) frame. */
  minFaceSize?: number;
  /** Human's overall face score. */
  minScore?: number;
  /** Variance of the Laplacian of the face crop (image/sharpness.ts). */
  minSharpness?: number;
}

/**
 * Defaults from the fixtures at ≤640×480: enrolable faces measure 68–294 px and sharpness 799–3363;
 * person-vlado.jpg box-blurred with radius 2 falls to 350 and radius 3 to 169, so 400 refuses a
 * visibly soft face while leaving a 2× margin under the softest sharp photo.
 */
export const DEFAULT_ENROLMENT_QUALITY: Required<EnrolmentQualitySettings> = {
  minFaceSize: 64,
  minScore: 0.8,
  minSharpness: 400,
};

export type EnrolmentRejection =
  | { reason: 'no-face' }
  | { reason: 'multiple-faces'; faceCount: number }
  | { reason: 'face-too-small'; size: number; required: number }
  | { reason: 'low-score'; score: number; required: number }
  | { reason: 'blurred'; sharpness: number; required: number }
  | { reason: 'no-embedding' };

export type EnrolmentQuality =
  | { ok: true; face: FaceObservation; embedding: readonly number[] }
  | ({ ok: false } & EnrolmentRejection);

/** Decides whether a frame is good enough to become one of the worker's enrolment photos. */
export function checkEnrolmentQuality(frame: FrameAnalysis, settings: EnrolmentQualitySettings = {}): EnrolmentQuality {
  const s = { ...DEFAULT_ENROLMENT_QUALITY, ...settings };
  const [face] = frame.faces;
  if (face === undefined) return { ok: false, reason: 'no-face' };
  if (frame.faces.length > 1) return { ok: false, reason: 'multiple-faces', faceCount: frame.faces.length };
  const size = Math.min(face.box[2], face.box[3]);
  if (size < s.minFaceSize) return { ok: false, reason: 'face-too-small', size, required: s.minFaceSize };
  if (face.score < s.minScore) return { ok: false, reason: 'low-score', score: face.score, required: s.minScore };
  // Sharpness is measured wherever pixels are at hand (Node and the agent both do); unmeasured
  // sharpness is not a reason to refuse.
  if (face.sharpness !== null && face.sharpness < s.minSharpness) {
    return { ok: false, reason: 'blurred', sharpness: face.sharpness, required: s.minSharpness };
  }
  if (face.embedding === null) return { ok: false, reason: 'no-embedding' };
  return { ok: true, face, embedding: face.embedding };
}
