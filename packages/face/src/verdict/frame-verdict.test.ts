import { describe, expect, it } from 'vitest';
import { ENROLLED, embeddingAt, frame, observation } from '../testing/observations';
import { NoEnrolmentError, judgeFrame } from './frame-verdict';
import { similarityThreshold } from './threshold';

const enrolled = [ENROLLED];

describe('judgeFrame', () => {
  it('sees nobody in an empty frame', () => {
    expect(judgeFrame(frame(), enrolled)).toEqual({ kind: 'no-face', faceCount: 0 });
  });

  it('accepts the worker at the threshold and refuses just below it (default level 3)', () => {
    const t = similarityThreshold(3);
    expect(judgeFrame(frame(observation({ embedding: embeddingAt(t) })), enrolled)).toEqual({
      kind: 'present',
      faceCount: 1,
      bestSimilarity: t,
    });
    expect(judgeFrame(frame(observation({ embedding: embeddingAt(t - 0.01) })), enrolled)).toMatchObject({
      kind: 'unknown-face',
      bestSimilarity: t - 0.01,
    });
  });

  it('applies the chosen level', () => {
    const face = frame(observation({ embedding: embeddingAt(0.36) }));
    expect(judgeFrame(face, enrolled, { level: 4 }).kind).toBe('present');
    expect(judgeFrame(face, enrolled, { level: 5 }).kind).toBe('unknown-face');
  });

  it('uses the best of several enrolment photos', () => {
    const f = frame(observation({ embedding: ENROLLED }));
    expect(judgeFrame(f, [embeddingAt(0.1), ENROLLED])).toMatchObject({ kind: 'present', bestSimilarity: 1 });
  });

  it('treats a face without an embedding as unknown', () => {
    expect(judgeFrame(frame(observation({ embedding: null })), enrolled)).toMatchObject({ kind: 'unknown-face', bestSimilarity: 0 });
  });

  it('reports two or more faces as multiple-faces and says whether the worker is among them', () => {
    const stranger = observation({ embedding: embeddingAt(0.1) });
    const worker = observation({ embedding: embeddingAt(0.8) });
    expect(judgeFrame(frame(stranger, worker), enrolled)).toEqual({
      kind: 'multiple-faces',
      faceCount: 2,
      bestSimilarity: 0.8,
      workerAmongFaces: true,
    });
    expect(judgeFrame(frame(stranger, stranger, stranger), enrolled)).toMatchObject({
      kind: 'multiple-faces',
      faceCount: 3,
      workerAmongFaces: false,
    });
  });

  it('calls a single face a spoof when anti-spoofing or liveness says so, even when it matches', () => {
    const matching = { embedding: ENROLLED };
    expect(judgeFrame(frame(observation({ ...matching, real: 0.1 })), enrolled)).toMatchObject({ kind: 'spoof', real: 0.1 });
    expect(judgeFrame(frame(observation({ ...matching, live: 0.2 })), enrolled)).toMatchObject({ kind: 'spoof', live: 0.2 });
    expect(judgeFrame(frame(observation({ ...matching, real: 0.1 })), enrolled, { minReal: 0.05 }).kind).toBe('present');
    expect(judgeFrame(frame(observation({ ...matching, real: null, live: null })), enrolled).kind).toBe('present');
  });

  it('refuses to judge without an enrolment', () => {
    expect(() => judgeFrame(frame(observation()), [])).toThrow(NoEnrolmentError);
  });
});
