import { DLIB_MODEL_VERSION } from '../descriptor/dlib-resnet';
import { bestSimilarity } from './similarity';
import { isThresholdLevel, similarityThreshold } from './threshold';

/** How the product compares a face with a worker's enrolment; the eval measures exactly this. */
export interface FaceMatcher {
  /** Which embedding model's descriptors this matcher compares. */
  readonly modelVersion: string;
  /** Higher = more alike. */
  score(probe: readonly number[], enrolled: readonly (readonly number[])[]): number;
  /** Minimum score for "this is the worker" at a level, for `enrolledCount` enrolment photos. */
  threshold(level: number, enrolledCount: number): number;
}

export const productMatcher: FaceMatcher = {
  modelVersion: DLIB_MODEL_VERSION,
  score: bestSimilarity,
  threshold: (level, enrolledCount) => {
    if (!isThresholdLevel(level)) throw new RangeError(`no threshold level ${level}`);
    return similarityThreshold(level, enrolledCount);
  },
};
