import { checkEnrolmentQuality, loadNodeFaceAnalyzer, type EnrolmentRejection, type NodeFaceAnalyzer, type RgbImage } from '@telework/face';
import { AppError } from '../errors/app-error';
import type { DecodedImage } from './image';

/** Computes the 128-float descriptor of the one face in an enrolment photo, or refuses the photo. */
export type FaceDescriber = (image: DecodedImage) => Promise<number[]>;

/** The typed reasons a console enrolment photo is refused (the UI explains each one). */
export const ENROLMENT_REASONS = {
  'no-face': 'FACE_NOT_FOUND',
  'multiple-faces': 'FACE_MULTIPLE',
  'face-too-small': 'FACE_TOO_SMALL',
  'low-score': 'FACE_UNCLEAR',
  blurred: 'FACE_BLURRED',
  'no-embedding': 'FACE_UNCLEAR',
} as const satisfies Record<EnrolmentRejection['reason'], string>;

const MESSAGES: Record<EnrolmentRejection['reason'], string> = {
  'no-face': 'No face was found in the photo.',
  'multiple-faces': 'The photo shows more than one face.',
  'face-too-small': 'The face is too small in the photo.',
  'low-score': 'The face is not clear enough.',
  blurred: 'The photo is blurred.',
  'no-embedding': 'The face is not clear enough.',
};

function rgbOf(img: DecodedImage): RgbImage {
  const data = new Uint8Array(img.width * img.height * 3);
  for (let i = 0, o = 0; o < data.length; i += 4, o += 3) {
    data[o] = img.data[i] ?? 0;
    data[o + 1] = img.data[i + 1] ?? 0;
    data[o + 2] = img.data[i + 2] ?? 0;
  }
  return { width: img.width, height: img.height, data };
}

/** Refusal details the UI may show: how many faces, or the measured and required figures. */
function figures(rejection: EnrolmentRejection): Record<string, number> {
  if (rejection.reason === 'multiple-faces') return { faceCount: rejection.faceCount };
  if (rejection.reason === 'face-too-small') return { size: Math.round(rejection.size), required: rejection.required };
  if (rejection.reason === 'blurred') return { sharpness: Math.round(rejection.sharpness), required: rejection.required };
  if (rejection.reason === 'low-score') return { score: rejection.score, required: rejection.required };
  return {};
}

/** A describer over a given analyzer: Human's analysis, then the same quality rule the agent applies. */
export function describerFor(analyzer: () => Promise<Pick<NodeFaceAnalyzer, 'analyzeRgb'>>): FaceDescriber {
  return async (image) => {
    const frame = await (await analyzer()).analyzeRgb(rgbOf(image));
    const quality = checkEnrolmentQuality(frame);
    if (quality.ok) return [...quality.embedding];
    throw new AppError('VALIDATION', MESSAGES[quality.reason], { reason: ENROLMENT_REASONS[quality.reason], ...figures(quality) });
  };
}

// Kept on globalThis so that Next's module reloads (dev) and several route bundles share one instance.
const holder = globalThis as unknown as { __teleworkFaceAnalyzer?: Promise<NodeFaceAnalyzer> };

/**
 * The process's face analyzer, loaded on the first console enrolment and kept (≈150 ms to load,
 * ≈300 MB resident): most server processes never enrol a face, so nothing loads at start-up.
 * A failed load is forgotten so that the next enrolment tries again.
 */
function sharedAnalyzer(): Promise<NodeFaceAnalyzer> {
  holder.__teleworkFaceAnalyzer ??= loadNodeFaceAnalyzer().catch((error: unknown) => {
    holder.__teleworkFaceAnalyzer = undefined;
    throw error;
  });
  return holder.__teleworkFaceAnalyzer;
}

/** Console enrolments: the server computes the descriptor, with the process's shared analyzer. */
export const describeEnrolmentFace: FaceDescriber = describerFor(sharedAnalyzer);
