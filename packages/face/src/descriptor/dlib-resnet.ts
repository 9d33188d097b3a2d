// The dlib ResNet-34 face recognition net (128-d descriptor, compared by euclidean distance), with
// the weights shipped in @vladmandic/face-api's `model/` folder, run on Human's own tfjs instance:
// face-api's JS is not loaded (it bundles a tfjs of its own), only its weights. The forward pass
// follows face-api 1.7.15 src/faceRecognitionNet (FaceRecognitionNet.ts, residualLayer.ts,
// convLayer.ts); the crop is its dlib alignment (FaceLandmarks.alignDlib) on Human's mesh points.
import type * as tfjs from '@tensorflow/tfjs-core';

type Tf = typeof tfjs;
type T4 = tfjs.Tensor4D;

import { DESCRIPTOR_LENGTH, DESCRIPTOR_MODEL_VERSION } from '../verdict/matcher';

/** Version of the descriptors this module makes; stored with every enrolment descriptor. */
export const DLIB_MODEL_VERSION = DESCRIPTOR_MODEL_VERSION;
export { DESCRIPTOR_LENGTH };
export const DLIB_MANIFEST = 'face_recognition_model-weights_manifest.json';
export const DLIB_WEIGHTS = 'face_recognition_model.bin';
const INPUT_SIZE = 150;
const MEAN_RGB = [122.782, 117.001, 104.298] as const;

export interface WeightsManifestGroup {
  paths: string[];
  weights: tfjs.io.WeightsManifestEntry[];
}

export type DlibWeights = Record<string, tfjs.Tensor>;

/** Decodes the manifest + the one .bin file of face-api's recognition model into tensors. */
export function decodeDlibWeights(tf: Tf, manifest: readonly WeightsManifestGroup[], bin: Uint8Array): DlibWeights {
  const specs = manifest.flatMap((g) => g.weights);
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
  const map = tf.io.decodeWeights(buffer, specs);
  if (!map.fc) throw new Error('dlib recognition weights: no fc layer');
  return map;
}

function weight(w: DlibWeights, name: string): tfjs.Tensor {
  const t = w[name];
  if (!t) throw new Error(`dlib recognition weights: missing ${name}`);
  return t;
}

function convLayer(tf: Tf, w: DlibWeights, x: T4, prefix: string, strides: 1 | 2, relu: boolean, padding: 'same' | 'valid'): T4 {
  let out = tf.conv2d(x, weight(w, `${prefix}/conv/filters`) as tfjs.Tensor4D, strides, padding);
  out = tf.add(out, weight(w, `${prefix}/conv/bias`));
  out = tf.add(tf.mul(out, weight(w, `${prefix}/scale/weights`)), weight(w, `${prefix}/scale/biases`));
  return (relu ? tf.relu(out) : out) as T4;
}

function residual(tf: Tf, w: DlibWeights, x: T4, prefix: string): T4 {
  let out = convLayer(tf, w, x, `${prefix}/conv1`, 1, true, 'same');
  out = convLayer(tf, w, out, `${prefix}/conv2`, 1, false, 'same');
  return tf.relu(tf.add(out, x)) as T4;
}

function residualDown(tf: Tf, w: DlibWeights, x: T4, prefix: string): T4 {
  let out = convLayer(tf, w, x, `${prefix}/conv1`, 2, true, 'valid');
  out = convLayer(tf, w, out, `${prefix}/conv2`, 1, false, 'same');
  let pooled = tf.avgPool(x, 2, 2, 'valid');
  if (pooled.shape[1] !== out.shape[1] || pooled.shape[2] !== out.shape[2]) {
    const [b, h, wd, c] = out.shape;
    out = tf.concat([out, tf.zeros([b, 1, wd, c])], 1);
    out = tf.concat([out, tf.zeros([b, h + 1, 1, c])], 2);
  }
  if (pooled.shape[3] !== out.shape[3]) pooled = tf.concat([pooled, tf.zeros(pooled.shape)], 3);
  return tf.relu(tf.add(pooled, out)) as T4;
}

/** The 150×150×3 float input (RGB 0..255) → [1, 128] descriptor. */
function forward(tf: Tf, w: DlibWeights, input: tfjs.Tensor3D): tfjs.Tensor2D {
  const batch = tf.expandDims(tf.cast(input, 'float32'), 0) as T4;
  const normalized = tf.div(tf.sub(batch, tf.tensor1d([...MEAN_RGB])), 255) as T4;
  let out = convLayer(tf, w, normalized, 'conv32_down', 2, true, 'valid');
  out = tf.maxPool(out, 3, 2, 'valid');
  for (const p of ['conv32_1', 'conv32_2', 'conv32_3']) out = residual(tf, w, out, p);
  out = residualDown(tf, w, out, 'conv64_down');
  for (const p of ['conv64_1', 'conv64_2', 'conv64_3']) out = residual(tf, w, out, p);
  out = residualDown(tf, w, out, 'conv128_down');
  for (const p of ['conv128_1', 'conv128_2']) out = residual(tf, w, out, p);
  out = residualDown(tf, w, out, 'conv256_down');
  for (const p of ['conv256_1', 'conv256_2']) out = residual(tf, w, out, p);
  out = residualDown(tf, w, out, 'conv256_down_out');
  return tf.matMul(tf.mean(out, [1, 2]) as tfjs.Tensor2D, weight(w, 'fc') as tfjs.Tensor2D);
}

export type Point = readonly [number, number] | readonly number[];

/** Human's mesh annotations (pixel coordinates of the analysed frame) the crop is computed from. */
export interface AlignmentPoints {
  leftEye: readonly Point[];
  rightEye: readonly Point[];
  mouth: readonly Point[];
}

export interface CropBox {
  x: number;
  y: number;
  size: number;
}

function centreOf(points: readonly Point[]): [number, number] | null {
  if (points.length === 0) return null;
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0] ?? 0;
    y += p[1] ?? 0;
  }
  return [x / points.length, y / points.length];
}

/**
 * dlib's alignment box as face-api computes it: a square of side (mean eye-to-mouth distance)/0.45,
 * centred horizontally on the centroid of the two eye centres and the mouth centre and with that
 * centroid at 43 % of its height. Null when a point group is missing.
 */
export function dlibCropBox(points: AlignmentPoints): CropBox | null {
  const l = centreOf(points.leftEye);
  const r = centreOf(points.rightEye);
  const m = centreOf(points.mouth);
  if (!l || !r || !m) return null;
  const dist = (p: [number, number]) => Math.hypot(m[0] - p[0], m[1] - p[1]);
  const size = Math.floor((dist(l) + dist(r)) / 2 / 0.45);
  if (size < 1) return null;
  const cx = (l[0] + r[0] + m[0]) / 3;
  const cy = (l[1] + r[1] + m[1]) / 3;
  return { x: Math.floor(Math.max(0, cx - 0.5 * size)), y: Math.floor(Math.max(0, cy - 0.43 * size)), size };
}

/**
 * The crop clipped at the frame's borders, padded to a square with black on both sides of the short
 * axis and resized to 150×150 (face-api's extractFaceTensors + toBatchTensor).
 */
function cropInput(tf: Tf, frame: tfjs.Tensor3D, box: CropBox): tfjs.Tensor3D {
  const [height, width] = frame.shape;
  const w = Math.min(box.size, width - box.x);
  const h = Math.min(box.size, height - box.y);
  let crop = tf.cast(tf.slice(frame, [box.y, box.x, 0], [h, w, 3]), 'float32') as tfjs.Tensor3D;
  if (w !== h) {
    const diff = Math.abs(w - h);
    const after = Math.round(diff * 0.5);
    const before = diff - after;
    crop = tf.pad(crop, h > w ? [[0, 0], [before, after], [0, 0]] : [[before, after], [0, 0], [0, 0]]);
  }
  return tf.image.resizeBilinear(crop, [INPUT_SIZE, INPUT_SIZE], false, false);
}

/** One descriptor per alignment (null where the crop is empty), for faces of one RGB frame tensor. */
export async function dlibDescriptors(
  tf: Tf,
  weights: DlibWeights,
  frame: tfjs.Tensor3D,
  faces: readonly (AlignmentPoints | null)[],
): Promise<(number[] | null)[]> {
  const out: (number[] | null)[] = [];
  for (const points of faces) {
    const box = points ? dlibCropBox(points) : null;
    if (!box) {
      out.push(null);
      continue;
    }
    const [height, width] = frame.shape;
    if (Math.min(box.size, width - box.x) < 1 || Math.min(box.size, height - box.y) < 1) {
      out.push(null);
      continue;
    }
    const descriptor = tf.tidy(() => forward(tf, weights, cropInput(tf, frame, box)));
    const data = await descriptor.data();
    descriptor.dispose();
    out.push(Array.from(data));
  }
  return out;
}

/** Human's mesh annotations → the eye and mouth point groups of the dlib crop. */
export function alignmentPointsOf(annotations: Record<string, readonly Point[]> | undefined): AlignmentPoints | null {
  if (!annotations) return null;
  const pick = (...names: string[]) => names.flatMap((n) => annotations[n] ?? []);
  const points = {
    leftEye: pick('leftEyeUpper0', 'leftEyeLower0'),
    rightEye: pick('rightEyeUpper0', 'rightEyeLower0'),
    mouth: pick('lipsUpperOuter', 'lipsLowerOuter'),
  };
  return points.leftEye.length && points.rightEye.length && points.mouth.length ? points : null;
}
