import { checkEnrolmentQuality, type EnrolmentRejection, type FrameAnalysis } from '@telework/face/browser';
import type { MessageKey } from './messages';

export const ENROLMENT_PHOTOS = 3;
const MAX_ATTEMPTS = 12;

export type EnrolmentOutcome =
  | { ok: true; embeddings: number[][] }
  | { ok: false; rejection: EnrolmentRejection; accepted: number };

/**
 * Takes frames until `photos` pass the quality check (one face, big, clear, sharp) or the attempts
 * run out; the last rejection tells the worker what to fix.
 */
export async function enrolFromCamera(
  analyze: () => Promise<FrameAnalysis>,
  onProgress: (accepted: number) => void,
  photos = ENROLMENT_PHOTOS,
  pauseMs = 400,
): Promise<EnrolmentOutcome> {
  const embeddings: number[][] = [];
  let last: EnrolmentRejection = { reason: 'no-face' };
  for (let attempt = 0; attempt < MAX_ATTEMPTS && embeddings.length < photos; attempt++) {
    const quality = checkEnrolmentQuality(await analyze());
    if (quality.ok) {
      embeddings.push(Array.from(quality.embedding));
      onProgress(embeddings.length);
    } else {
      last = quality;
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return embeddings.length >= photos ? { ok: true, embeddings } : { ok: false, rejection: last, accepted: embeddings.length };
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
