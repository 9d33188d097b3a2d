import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Human } from '@vladmandic/human';
import { describeFaces, humanTf } from '../descriptor/describe-faces';
import { DLIB_MANIFEST, DLIB_MODEL_VERSION, DLIB_WEIGHTS, decodeDlibWeights, type DlibWeights, type WeightsManifestGroup } from '../descriptor/dlib-resnet';
import { buildHumanConfig, setCheckDepth, type AnalyzeOptions, type DescriptorModel } from '../human-config';
import { fitWithin, type RgbImage } from '../image/rgb-image';
import { toFrameAnalysis } from '../observation';
import type { FrameAnalysis } from '../verdict/types';
import { decodeImage } from './decode-image';
import { installFileFetch } from './file-fetch';

type HumanModule = typeof import('@vladmandic/human');

const require = createRequire(import.meta.url);

/** Root of the installed @vladmandic/human package (its `models/` ship inside it). */
function humanPackageDir(): string {
  return path.resolve(path.dirname(require.resolve(/* turbopackIgnore: true */ '@vladmandic/human')), '..');
}

/** face-api's `model/` folder: the dlib recognition net's weights ship there (6.5 MB). */
export function faceApiModelsDir(): string {
  return path.join(path.resolve(path.dirname(require.resolve(/* turbopackIgnore: true */ '@vladmandic/face-api')), '..'), 'model');
}

export interface NodeFaceAnalyzerOptions {
  /** Folder of model files; defaults to the `models/` folder of the npm package. */
  modelsDir?: string;
  maxFaces?: number;
  /** Load Human's antispoof and liveness models (see `HumanConfigOptions.spoofModels`). */
  spoofModels?: boolean;
  /** `faceres`: Human's own descriptor, the model before issue 14 (benches only). */
  descriptor?: DescriptorModel;
}

export interface NodeFaceAnalyzer {
  /** Models that loaded, e.g. `['antispoof', 'blazeface', 'facemesh', 'liveness', 'dlib-resnet34-v1']`. */
  readonly models: readonly string[];
  /** Wall time of backend start + model load, in milliseconds. */
  readonly loadMs: number;
  /** Analyses JPEG/PNG bytes, downscaled to fit 640×480 first. */
  analyzeImage(bytes: Uint8Array, options?: AnalyzeOptions): Promise<FrameAnalysis>;
  analyzeFile(file: string, options?: AnalyzeOptions): Promise<FrameAnalysis>;
  /** Analyses an already decoded image, downscaled to fit 640×480 first. */
  analyzeRgb(image: RgbImage, options?: AnalyzeOptions): Promise<FrameAnalysis>;
  dispose(): void;
}

/**
 * Starts Human on the WASM backend in Node. `dist/human.node-wasm.js` is required by file path
 * because the package's exports map has no `./` entries; it uses the tfjs packages we install
 * (core, converter, backend-wasm 4.22.0). Models are read from disk through a `file:` fetch wrapper
 * and the `.wasm` binaries from the backend's own dist folder (Human passes `wasmPath` to
 * `setWasmPaths`). Antispoof and liveness load only with `spoofModels` (the spoof measurement); if
 * either fails to load it is turned off and its scores come back null, and the caller can see which
 * models run in `models`.
 */
export async function loadNodeFaceAnalyzer(options: NodeFaceAnalyzerOptions = {}): Promise<NodeFaceAnalyzer> {
  const started = performance.now();
  installFileFetch();
  const mod = require(/* turbopackIgnore: true */ path.join(humanPackageDir(), 'dist', 'human.node-wasm.js')) as HumanModule;
  const modelsDir = options.modelsDir ?? path.join(humanPackageDir(), 'models');
  const wasmDir = path.dirname(require.resolve(/* turbopackIgnore: true */ '@tensorflow/tfjs-backend-wasm'));
  const config = buildHumanConfig({
    backend: 'wasm',
    modelBasePath: pathToFileURL(modelsDir).href + '/',
    wasmPath: wasmDir + path.sep,
    ...(options.maxFaces === undefined ? {} : { maxFaces: options.maxFaces }),
    ...(options.spoofModels === undefined ? {} : { spoofModels: options.spoofModels }),
    ...(options.descriptor === undefined ? {} : { descriptor: options.descriptor }),
  });
  const faceres = options.descriptor === 'faceres';
  const human: Human = new mod.Human(config);
  await human.init();
  await human.load();
  const humanModels = human.models.loaded();
  for (const required of ['blazeface', 'facemesh', ...(faceres ? ['faceres'] : [])]) {
    if (!humanModels.includes(required)) throw new Error(`face model did not load: ${required} from ${modelsDir}`);
  }
  let weights: DlibWeights = {};
  if (!faceres) {
    const dlibDir = faceApiModelsDir();
    const manifest = JSON.parse(await readFile(path.join(dlibDir, DLIB_MANIFEST), 'utf8')) as WeightsManifestGroup[];
    weights = decodeDlibWeights(humanTf(human), manifest, await readFile(path.join(dlibDir, DLIB_WEIGHTS)));
  }
  const models = faceres ? humanModels : [...humanModels, DLIB_MODEL_VERSION];
  const loadMs = performance.now() - started;

  // One detection at a time: Human keeps per-call state on the instance.
  let queue: Promise<unknown> = Promise.resolve();
  const analyzeRgb = (image: RgbImage, options: AnalyzeOptions = {}): Promise<FrameAnalysis> => {
    const run = async (): Promise<FrameAnalysis> => {
      const frame = fitWithin(image);
      const tensor = human.tf.tensor3d(frame.data, [frame.height, frame.width, 3], 'int32');
      try {
        setCheckDepth(human.config, models, options);
        const result = await human.detect(tensor);
        if (result.error) throw new Error(`face analysis failed: ${result.error}`);
        const embeddings = faceres
          ? result.face.map((f) => (f.embedding && f.embedding.length > 0 ? f.embedding : null))
          : await describeFaces(human, weights, tensor, result.face, options);
        return toFrameAnalysis({ ...frame, channels: 3 }, result.face, embeddings);
      } finally {
        human.tf.dispose(tensor);
      }
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  const analyzeImage = (bytes: Uint8Array, options?: AnalyzeOptions) => analyzeRgb(decodeImage(bytes), options);

  return {
    models,
    loadMs,
    analyzeRgb,
    analyzeImage,
    analyzeFile: async (file, options) => analyzeImage(await readFile(file), options),
    dispose: () => {
      human.tf.dispose(Object.values(weights));
      human.models.reset();
    },
  };
}
