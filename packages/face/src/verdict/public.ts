// The environment-free API shared by both entries (index.ts for Node, browser.ts for the agent).
export type { CheckDepth, FaceBox, FaceObservation, FrameAnalysis } from './types';
export { faceSimilarity, bestSimilarity } from './similarity';
export { DESCRIPTOR_LENGTH, DESCRIPTOR_MODEL_VERSION, LEGACY_DESCRIPTOR_MODEL_VERSION, productMatcher, type FaceMatcher } from './matcher';
export {
  THRESHOLD_LEVELS,
  LEVEL_FALSE_ACCEPT_RATES,
  DEFAULT_THRESHOLD_LEVEL,
  isThresholdLevel,
  similarityThreshold,
  type ThresholdLevel,
} from './threshold';
export { LEVEL_FIGURES_LFW10, levelRates, type EnrolmentLevelFigures, type LevelCounts } from './level-figures';
export {
  judgeFrame,
  NoEnrolmentError,
  WORKER_AMONG_FACES_MARGIN,
  DEFAULT_MIN_LIVE,
  DEFAULT_MIN_REAL,
  type FrameVerdict,
  type VerdictSettings,
} from './frame-verdict';
export { PresenceTracker, type PresenceEvent, type PresenceSettings, type PresenceState } from './presence-tracker';
export {
  checkEnrolmentQuality,
  DEFAULT_ENROLMENT_QUALITY,
  type EnrolmentQuality,
  type EnrolmentQualitySettings,
  type EnrolmentRejection,
} from './enrolment-quality';
export { CheckSchedule, DEFAULT_FULL_CHECK_EVERY, sameSitting } from './check-schedule';
