// Renderer entry for the desktop agent: the same Human configuration as in Node, models served by
// the agent at a URL the caller gives, frames taken from the webcam <video> (or any canvas).
import { Human } from '@vladmandic/human';
import { describeFaces, humanTf } from './descriptor/describe-faces';
import { DLIB_MANIFEST, DLIB_MODEL_VERSION, DLIB_WEIGHTS, decodeDlibWeights, type DlibWeights, type WeightsManifestGroup } from './descriptor/dlib-resnet';
import { buildHumanConfig, setCheckDepth, type AnalyzeOptions, type DescriptorModel, type FaceBackend } from './human-config';
import { FRAME_MAX_HEIGHT, FRAME_MAX_WIDTH } from './image/rgb-image';
import { toFrameAnalysis } from './observation';
import type { FrameAnalysis } from './verdict/types';

export * from './verdict/public';
export type { AnalyzeOptions } from './human-config';

export interface BrowserFaceAnalyzerOptions {
  /** URL of the folder with the model files, e.g. `app://models/` or `http://127.0.0.1:PORT/models/`. */
  modelBasePath: string;
  /**
   * URL of the folder with the dlib recognition net's weights (`face_recognition_model*` from
   * @vladmandic/face-api's `model/` folder); defaults to `modelBasePath`.
   */
  descriptorModelBasePath?: string;
  /** Defaults to `wasm` (same numbers as the server); `webgl` is faster where a GPU is present. */
  backend?: FaceBackend;
  /** URL of the folder with tfjs-backend-wasm's `.wasm` files; required for the `wasm` backend. */
  wasmPath?: string;
  maxFaces?: number;
  /** Load Human's antispoof and liveness models (see `HumanConfigOptions.spoofModels`). */
  spoofModels?: boolean;
  /** `faceres`: Human's own descriptor, the model before issue 14 (benches only). */
  descriptor?: DescriptorModel;
}

export type FrameSource = HTMLVideoElement | HTMLCanvasElement | HTMLImageElement | ImageBitmap | OffscreenCanvas;

export interface BrowserFaceAnalyzer {
  readonly models: readonly string[];
  readonly loadMs: number;
  /** Draws the frame scaled to fit 640×480 and analyses that drawing. */
  analyze(source: FrameSource, options?: AnalyzeOptions): Promise<FrameAnalysis>;
  dispose(): void;
}

/** A frame source's picture size in pixels (a video's is its stream's, not its element's). */
export function frameSourceSize(source: FrameSource): { width: number; height: number } {
  if (source instanceof HTMLVideoElement) return { width: source.videoWidth, height: source.videoHeight };
  if (source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  return { width: source.width, height: source.height };
}

/**
 * A fresh webcam stream can hand out a blank first frame: wait for `frames` decoded frames
 * (two are enough in Chromium) before the first grab.
 */
export function waitForVideoFrames(video: HTMLVideoElement, frames = 2): Promise<void> {
  return new Promise((resolve) => {
    let left = frames;
    const tick = () => {
      left--;
      if (left <= 0) resolve();
      else video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
  });
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`face model did not load: ${url} (${response.status})`);
  return response;
}

/** The dlib net's weights, decoded onto Human's tfjs instance (the one the frames are on). */
async function loadDlibWeights(human: Human, base: string) {
  const folder = base.endsWith('/') ? base : `${base}/`;
  const manifest = (await (await fetchOk(folder + DLIB_MANIFEST)).json()) as WeightsManifestGroup[];
  const bin = new Uint8Array(await (await fetchOk(folder + DLIB_WEIGHTS)).arrayBuffer());
  return decodeDlibWeights(humanTf(human), manifest, bin);
}

export async function createBrowserFaceAnalyzer(options: BrowserFaceAnalyzerOptions): Promise<BrowserFaceAnalyzer> {
  const backend = options.backend ?? 'wasm';
  if (backend === 'wasm' && !options.wasmPath) throw new Error('wasmPath is required for the wasm backend');
  const started = performance.now();
  const config = buildHumanConfig({
    backend,
    modelBasePath: options.modelBasePath.endsWith('/') ? options.modelBasePath : `${options.modelBasePath}/`,
    ...(options.wasmPath === undefined ? {} : { wasmPath: options.wasmPath }),
    ...(options.maxFaces === undefined ? {} : { maxFaces: options.maxFaces }),
    ...(options.spoofModels === undefined ? {} : { spoofModels: options.spoofModels }),
    ...(options.descriptor === undefined ? {} : { descriptor: options.descriptor }),
  });
  const faceres = options.descriptor === 'faceres';
  const human = new Human(config);
  await human.init();
  await human.load();
  const humanModels = human.models.loaded();
  for (const required of ['blazeface', 'facemesh', ...(faceres ? ['faceres'] : [])]) {
    if (!humanModels.includes(required)) throw new Error(`face model did not load: ${required} from ${options.modelBasePath}`);
  }
  const weights: DlibWeights = faceres ? {} : await loadDlibWeights(human, options.descriptorModelBasePath ?? options.modelBasePath);
  const models = faceres ? humanModels : [...humanModels, DLIB_MODEL_VERSION];
  const loadMs = performance.now() - started;

  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2d canvas context unavailable');

  let queue: Promise<unknown> = Promise.resolve();
  const analyze = (source: FrameSource, options: AnalyzeOptions = {}): Promise<FrameAnalysis> => {
    const run = async (): Promise<FrameAnalysis> => {
      const size = frameSourceSize(source);
      if (size.width === 0 || size.height === 0) throw new Error('frame source has no picture yet');
      const scale = Math.min(FRAME_MAX_WIDTH / size.width, FRAME_MAX_HEIGHT / size.height, 1);
      canvas.width = Math.max(1, Math.round(size.width * scale));
      canvas.height = Math.max(1, Math.round(size.height * scale));
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
      // Human gets the pixels we read anyway (for sharpness) as a tensor: handed the canvas, it
      // would draw it onto a canvas of its own and read it back once more on every check.
      const tensor = human.tf.browser.fromPixels(pixels);
      try {
        setCheckDepth(human.config, models, options);
        const result = await human.detect(tensor);
        if (result.error) throw new Error(`face analysis failed: ${result.error}`);
        const embeddings = faceres
          ? result.face.map((f) => (f.embedding && f.embedding.length > 0 ? f.embedding : null))
          : await describeFaces(human, weights, tensor, result.face, options);
        return toFrameAnalysis({ width: pixels.width, height: pixels.height, data: pixels.data, channels: 4 }, result.face, embeddings);
      } finally {
        human.tf.dispose(tensor);
      }
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  const dispose = () => {
    human.tf.dispose(Object.values(weights));
    human.models.reset();
  };
  return { models, loadMs, analyze, dispose };
}
