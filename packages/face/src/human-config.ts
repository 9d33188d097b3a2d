import type { Config } from '@vladmandic/human';
import type { CheckDepth } from './verdict/types';

/** Per-frame choices of an analysis. */
export interface AnalyzeOptions {
  /**
   * `full` (default): every face model. `light`: detector and mesh only; each face comes back with
   * its box and scores but `embedding`, `real` and `live` null.
   */
  depth?: CheckDepth;
}

/** Backends we run Human on: WASM in Node and in the agent; WebGL/CPU only as a browser fallback. */
export type FaceBackend = 'wasm' | 'webgl' | 'cpu';

export interface HumanConfigOptions {
  /** URL of the folder holding the model JSON/bin files (file:// in Node, http(s):// in the agent). */
  modelBasePath: string;
  backend: FaceBackend;
  /** Folder (URL or path) of the tfjs-backend-wasm `.wasm` files; required for the WASM backend. */
  wasmPath?: string;
  /** Faces reported per frame; more than one is needed to notice peeking. */
  maxFaces?: number;
  /**
   * Load Human's antispoof and liveness models (their `real`/`live` scores). Off unless asked: the
   * spoof measurement (`npm run spoof`) turns them on.
   */
  spoofModels?: boolean;
  /**
   * Where the descriptor comes from: `dlib` (the product's, computed after Human's detection) or
   * `faceres`, Human's own description model, the product's model before issue 14, kept only so the
   * benches can measure both in the same run.
   */
  descriptor?: DescriptorModel;
}

export type DescriptorModel = 'dlib' | 'faceres';

/** Enough to see several people peeking at a screen without scanning a crowd. */
export const DEFAULT_MAX_FACES = 5;

/**
 * The one Human configuration shared by Node and the agent's renderer, so both compute the same
 * embeddings. Only Human's face pipeline runs: detector (blazeface) and mesh (the eye and mouth points of
 * the descriptor's crop + face score); the descriptor is computed after it. Antispoof and liveness
 * load only when asked (`spoofModels`): measured on the fixtures and synthetic screen and print
 * re-captures of them, neither separated attacks from bona fide captures (README). Body, hand, object,
 * segmentation, gestures, emotion and iris are off: they cost time and say nothing about presence.
 *
 * Every per-frame cache is off (`cacheSensitivity: 0`, `skipFrames: 0`, `skipTime: 0`): checks are
 * seconds apart and a cached box or embedding from an earlier frame would hide a change of person.
 */
export function buildHumanConfig(options: HumanConfigOptions): Partial<Config> {
  const noCache = { skipFrames: 0, skipTime: 0 };
  const spoof = options.spoofModels ?? false;
  return {
    backend: options.backend,
    modelBasePath: options.modelBasePath,
    ...(options.wasmPath === undefined ? {} : { wasmPath: options.wasmPath }),
    debug: false,
    async: false,
    warmup: 'none',
    cacheModels: false,
    cacheSensitivity: 0,
    // Filters run only on browser canvases; off everywhere so Node and browser see the same pixels.
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      detector: {
        modelPath: 'blazeface.json',
        rotation: false,
        maxDetected: options.maxFaces ?? DEFAULT_MAX_FACES,
        minConfidence: 0.2,
        ...noCache,
      },
      mesh: { enabled: true, modelPath: 'facemesh.json' },
      attention: { enabled: false },
      iris: { enabled: false },
      emotion: { enabled: false },
      gear: { enabled: false },
      // The embedding is the dlib ResNet-34 net run on Human's tfjs (src/descriptor/dlib-resnet.ts):
      // faceres measured EER 5.9 % on faces-lfw10 against 1.x % (README).
      description:
        options.descriptor === 'faceres' ? { enabled: true, modelPath: 'faceres.json', minConfidence: 0.1, ...noCache } : { enabled: false },
      antispoof: { enabled: spoof, modelPath: 'antispoof.json', ...noCache },
      liveness: { enabled: spoof, modelPath: 'liveness.json', ...noCache },
    },
  };
}

/**
 * Sets the models of the next detection to the frame's depth. Human reads its config at every
 * detect (and merges any per-call config into it for good), so every switched model is set each
 * time; a model that never loaded stays off.
 */
export function setCheckDepth(config: Config, loaded: readonly string[], options: AnalyzeOptions = {}): void {
  const full = (options.depth ?? 'full') === 'full';
  const face = config.face;
  if (face.description) face.description.enabled = full && loaded.includes('faceres');
  if (face.antispoof) face.antispoof.enabled = full && loaded.includes('antispoof');
  if (face.liveness) face.liveness.enabled = full && loaded.includes('liveness');
}
