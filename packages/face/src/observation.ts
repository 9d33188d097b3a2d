import type { FaceResult } from '@vladmandic/human';
import { faceSharpness, type PixelSource } from './image/sharpness';
import { frameLuma } from './image/uniformity';
import type { FaceObservation, FrameAnalysis } from './verdict/types';

const orNull = (n: number | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);

/** Copies the parts of Human's face results the verdict logic needs, as plain data. */
export function toFaceObservation(face: FaceResult, pixels: PixelSource | null, embedding: readonly number[] | null): FaceObservation {
  const [x, y, w, h] = face.box;
  const box = [x, y, w, h] as const;
  return {
    score: face.score,
    boxScore: face.boxScore,
    faceScore: face.faceScore,
    box,
    embedding,
    real: orNull(face.real),
    live: orNull(face.live),
    sharpness: pixels ? faceSharpness(pixels, box) : null,
  };
}

/**
 * `pixels` are the analysed frame's own pixels, used to measure each face's sharpness;
 * `embeddings[i]` is face i's descriptor (none on a light check).
 */
export function toFrameAnalysis(pixels: PixelSource, faces: readonly FaceResult[], embeddings: readonly (readonly number[] | null)[] = []): FrameAnalysis {
  return { width: pixels.width, height: pixels.height, faces: faces.map((f, i) => toFaceObservation(f, pixels, embeddings[i] ?? null)), luma: frameLuma(pixels) };
}
