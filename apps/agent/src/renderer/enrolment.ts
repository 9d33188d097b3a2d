import { checkEnrolmentQuality, type EnrolmentRejection, type FrameAnalysis } from '@telework/face/browser';
import type { MessageKey } from './messages';

export const ENROLMENT_PHOTOS = 3;
const MAX_ATTEMPTS = 12;

/** One accepted enrolment photo: the still uploaded as the enrolment image, and its embedding. */
export interface EnrolmentPhoto {
  jpeg: Uint8Array<ArrayBuffer>;
  embedding: number[];
}

export type EnrolmentOutcome =
  | { ok: true; photos: EnrolmentPhoto[] }
  | { ok: false; rejection: EnrolmentRejection; accepted: number };

/**
 * Takes frames until `photos` pass the quality check (one face, big, clear, sharp) or the attempts
 * run out; the last rejection tells the worker what to fix. Each frame is kept as a JPEG still first
 * and analysed second, so the photo uploaded is the one the embedding came from (as near as one frame).
 */
export async function enrolFromCamera(
  takeFrame: () => Promise<{ jpeg: Uint8Array<ArrayBuffer>; frame: FrameAnalysis }>,
  onProgress: (accepted: number) => void,
  photos = ENROLMENT_PHOTOS,
  pauseMs = 400,
): Promise<EnrolmentOutcome> {
  const accepted: EnrolmentPhoto[] = [];
  let last: EnrolmentRejection = { reason: 'no-face' };
  for (let attempt = 0; attempt < MAX_ATTEMPTS && accepted.length < photos; attempt++) {
    const { jpeg, frame } = await takeFrame();
    const quality = checkEnrolmentQuality(frame);
    if (quality.ok) {
      accepted.push({ jpeg, embedding: Array.from(quality.embedding) });
      onProgress(accepted.length);
    } else {
      last = quality;
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return accepted.length >= photos ? { ok: true, photos: accepted } : { ok: false, rejection: last, accepted: accepted.length };
}

export function rejectionMessage(rejection: EnrolmentRejection): MessageKey {
  switch (rejection.reason) {
    case 'no-face':
      return 'reasonNoFace';
    case 'multiple-faces':
      return 'reasonMultiple';
    case 'face-too-small':
      return 'reasonSmall';
    case 'low-score':
      return 'reasonScore';
    case 'blurred':
      return 'reasonBlurred';
    case 'no-embedding':
      return 'reasonEmbedding';
  }
}
