import { describe, expect, it } from 'vitest';
import { ENROLLED, embeddingAt, frame, observation } from '../testing/observations';
import { NoEnrolmentError, WORKER_AMONG_FACES_MARGIN, judgeFrame } from './frame-verdict';
import { similarityThreshold } from './threshold';

const enrolled = [ENROLLED];

describe('judgeFrame', () => {
  it('sees nobody in an empty frame', () => {
    expect(judgeFrame(frame(), enrolled)).toEqual({ kind: 'no-face', faceCount: 0 });
  });

  it('accepts the worker at the threshold and refuses just below it (default level 3)', () => {
    const t = similarityThreshold(3);
    expect(judgeFrame(frame(observation({ embedding: embeddingAt(t + 0.001) })), enrolled)).toEqual({
      kind: 'present',
      faceCount: 1,
      bestSimilarity: expect.closeTo(t + 0.001, 9),
    });
    expect(judgeFrame(frame(observation({ embedding: embeddingAt(t - 0.001) })), enrolled)).toMatchObject({
      kind: 'unknown-face',
      bestSimilarity: expect.closeTo(t - 0.001, 9),
    });
  });

  it('applies the chosen level', () => {
    const face = frame(observation({ embedding: embeddingAt((similarityThreshold(4) + similarityThreshold(5)) / 2) }));
    expect(judgeFrame(face, enrolled, { level: 4 }).kind).toBe('present');
    expect(judgeFrame(face, enrolled, { level: 5 }).kind).toBe('unknown-face');
  });

  it('uses the best of several enrolment photos', () => {
    const f = frame(observation({ embedding: ENROLLED }));
    expect(judgeFrame(f, [embeddingAt(0.1), ENROLLED])).toMatchObject({ kind: 'present', bestSimilarity: 1 });
  });

  it('asks more of a face when more photos are enrolled: one at the 1-photo threshold passes 1 photo, not 3', () => {
    const between = (similarityThreshold(3, 1) + similarityThreshold(3, 3)) / 2;
    const f = frame(observation({ embedding: embeddingAt(between) }));
    expect(judgeFrame(f, [ENROLLED]).kind).toBe('present');
    // the two other photos are far from the face: the best similarity is still `between`
    expect(judgeFrame(f, [ENROLLED, [0, 5, 0, 0], [0, 0, 5, 0]])).toMatchObject({ kind: 'unknown-face', bestSimilarity: expect.closeTo(between, 9) });
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
      bestSimilarity: expect.closeTo(0.8, 9),
      workerAmongFaces: true,
    });
    expect(judgeFrame(frame(stranger, stranger, stranger), enrolled)).toMatchObject({
      kind: 'multiple-faces',
      faceCount: 3,
      workerAmongFaces: false,
    });
  });

  it('the worker is among the faces only when the best face passes and beats every other by the margin', () => {
    const t = similarityThreshold(3);
    const near = observation({ embedding: embeddingAt(t + 0.15) });
    const rival = (s: number) => observation({ embedding: embeddingAt(s) });
    expect(judgeFrame(frame(near, rival(t + 0.15 - WORKER_AMONG_FACES_MARGIN - 0.01)), enrolled)).toMatchObject({ workerAmongFaces: true });
    // a look-alike just under the margin: peeking without the worker
    expect(judgeFrame(frame(near, rival(t + 0.15 - WORKER_AMONG_FACES_MARGIN + 0.01)), enrolled)).toMatchObject({ workerAmongFaces: false });
    // two faces that both pass, equally close: nobody can say which one is the worker
    expect(judgeFrame(frame(near, near), enrolled)).toMatchObject({ workerAmongFaces: false });
    // the best face under the threshold, however far ahead of the others
    expect(judgeFrame(frame(rival(t - 0.01), rival(0)), enrolled)).toMatchObject({ workerAmongFaces: false });
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
