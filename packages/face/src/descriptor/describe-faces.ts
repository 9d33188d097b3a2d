import type * as tfjs from '@tensorflow/tfjs-core';
import type { FaceResult, Human } from '@vladmandic/human';
import type { AnalyzeOptions } from '../human-config';
import { alignmentPointsOf, dlibDescriptors, type DlibWeights, type Point } from './dlib-resnet';

/** Human's tfjs instance, typed (Human declares it `any`); the dlib net must run on this one. */
export function humanTf(human: Human): typeof tfjs {
  return human.tf as typeof tfjs;
}

/** Descriptors of Human's faces on a full check; a light check computes none. */
export function describeFaces(
  human: Human,
  weights: DlibWeights,
  frame: tfjs.Tensor3D,
  faces: readonly FaceResult[],
  options: AnalyzeOptions = {},
): Promise<(number[] | null)[]> {
  if ((options.depth ?? 'full') !== 'full') return Promise.resolve(faces.map(() => null));
  const points = faces.map((f) => alignmentPointsOf(f.annotations as Record<string, readonly Point[]> | undefined));
  return dlibDescriptors(humanTf(human), weights, frame, points);
}
