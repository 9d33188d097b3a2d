import { describe, expect, it } from 'vitest';
import { frame, observation } from '../testing/observations';
import { DEFAULT_ENROLMENT_QUALITY, checkEnrolmentQuality } from './enrolment-quality';

describe('checkEnrolmentQuality', () => {
  it('accepts one large, confident, sharp face and hands back its embedding', () => {
    const face = observation();
    expect(checkEnrolmentQuality(frame(face))).toEqual({ ok: true, face, embedding: face.embedding });
  });

  it('refuses with a typed reason', () => {
    const d = DEFAULT_ENROLMENT_QUALITY;
    expect(checkEnrolmentQuality(frame())).toEqual({ ok: false, reason: 'no-face' });
    expect(checkEnrolmentQuality(frame(observation(), observation()))).toEqual({ ok: false, reason: 'multiple-faces', faceCount: 2 });
    expect(checkEnrolmentQuality(frame(observation({ box: [0, 0, 80, d.minFaceSize - 1] })))).toEqual({
      ok: false,
      reason: 'face-too-small',
      size: d.minFaceSize - 1,
      required: d.minFaceSize,
    });
    expect(checkEnrolmentQuality(frame(observation({ score: 0.5 })))).toMatchObject({ ok: false, reason: 'low-score', score: 0.5 });
    expect(checkEnrolmentQuality(frame(observation({ sharpness: d.minSharpness - 1 })))).toMatchObject({ ok: false, reason: 'blurred' });
    expect(checkEnrolmentQuality(frame(observation({ embedding: null })))).toEqual({ ok: false, reason: 'no-embedding' });
  });

  it('takes the limits from the caller', () => {
    const small = frame(observation({ box: [0, 0, 50, 50] }));
    expect(checkEnrolmentQuality(small).ok).toBe(false);
    expect(checkEnrolmentQuality(small, { minFaceSize: 48 }).ok).toBe(true);
  });

  it('does not refuse when sharpness was not measured', () => {
    expect(checkEnrolmentQuality(frame(observation({ sharpness: null }))).ok).toBe(true);
  });
});
