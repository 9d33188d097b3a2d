import { bestSimilarity } from './similarity';
import { isThresholdLevel, similarityThreshold } from './threshold';

/**
 * The descriptor model of this version of the product, stored with every enrolment descriptor:
 * descriptors of another model are not comparable and are never matched against a frame.
 */
export const DESCRIPTOR_MODEL_VERSION = 'dlib-resnet34-v1';
/** Numbers in one descriptor of DESCRIPTOR_MODEL_VERSION. */
export const DESCRIPTOR_LENGTH = 128;
/** The model of descriptors stored before versions were recorded (Human's faceres, 1024 numbers). */
export const LEGACY_DESCRIPTOR_MODEL_VERSION = 'human-faceres';

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
  modelVersion: DESCRIPTOR_MODEL_VERSION,
  score: bestSimilarity,
  threshold: (level, enrolledCount) => {
    if (!isThresholdLevel(level)) throw new RangeError(`no threshold level ${level}`);
    return similarityThreshold(level, enrolledCount);
  },
};
