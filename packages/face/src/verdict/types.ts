/** Face box in pixels of the analysed frame: left, top, width, height. */
export type FaceBox = readonly [number, number, number, number];

/** What the models saw of one face; environment-free so verdict logic runs anywhere. */
export interface FaceObservation {
  /** Human's overall face confidence (0..1): detector and mesh combined. */
  score: number;
  /** Detector (blazeface) confidence. */
  boxScore: number;
  /** Mesh confidence: low when the crop is not really a face, or is blurred or half hidden. */
  faceScore: number;
  box: FaceBox;
  /** Face descriptor (dlib ResNet-34: 128 floats), or null on a light check or when the crop failed. */
  embedding: readonly number[] | null;
  /**
   * Anti-spoofing score (1 = a real face, 0 = a photo/screen), null when the model is off: the
   * product's analyzers do not load it (it did not separate re-captures; README, "Spoof models").
   */
  real: number | null;
  /** Liveness score (1 = live), null when the model is off. */
  live: number | null;
  /** Variance of the Laplacian of the face crop (see image/sharpness.ts); null when not measured. */
  sharpness: number | null;
}

/** The analysis of one frame: its size after downscaling and every face found in it. */
export interface FrameAnalysis {
  width: number;
  height: number;
  faces: FaceObservation[];
  /** Brightness of the whole frame (0..255): mean and spread; absent where not measured. */
  luma?: { mean: number; sd: number };
}

/**
 * How much of the face pipeline a check runs. `full`: detector, mesh, the descriptor (the embedding)
 * and the spoof models where loaded (the product does not). `light`: detector and mesh only,
 * enough to count faces and see where they are, not whose they are: no embedding, `real`, `live`.
 */
export type CheckDepth = 'full' | 'light';
