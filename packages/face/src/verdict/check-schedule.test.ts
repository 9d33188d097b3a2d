import { describe, expect, it } from 'vitest';
import { CheckSchedule, sameSitting } from './check-schedule';
import { judgeFrame, type FrameVerdict } from './frame-verdict';
import type { CheckDepth, FaceBox, FaceObservation, FrameAnalysis } from './types';

const WORKER = Array.from({ length: 16 }, (_, i) => (i % 5) - 2);
const STRANGER = WORKER.map((v) => v + 5);
const AT_DESK: FaceBox = [240, 120, 180, 180];

function face(box: FaceBox, embedding: readonly number[] | null): FaceObservation {
  return { score: 0.9, boxScore: 0.9, faceScore: 0.9, box, embedding, real: embedding ? 0.9 : null, live: embedding ? 0.9 : null, sharpness: null };
}
const frame = (...faces: FaceObservation[]): FrameAnalysis => ({ width: 640, height: 480, faces });

/** A scene in front of the camera: what a full and what a light check of it would see. */
interface Scene {
  full: FrameAnalysis;
  light: FrameAnalysis;
}
const worker = (box: FaceBox = AT_DESK): Scene => ({ full: frame(face(box, WORKER)), light: frame(face(box, null)) });
const stranger = (box: FaceBox = AT_DESK): Scene => ({ full: frame(face(box, STRANGER)), light: frame(face(box, null)) });
const empty: Scene = { full: frame(), light: frame() };
const crowd: Scene = { full: frame(face(AT_DESK, WORKER), face([40, 60, 120, 120], STRANGER)), light: frame(face(AT_DESK, null), face([40, 60, 120, 120], null)) };

/** Runs the schedule over scenes; returns each check's depths and verdict. */
async function run(schedule: CheckSchedule, scenes: Scene[]): Promise<{ depths: CheckDepth[]; verdict: FrameVerdict['kind'] }[]> {
  const checks: { depths: CheckDepth[]; verdict: FrameVerdict['kind'] }[] = [];
  for (const scene of scenes) {
    const check = await schedule.check(async (depth) => scene[depth], (judged) => judgeFrame(judged, [WORKER]));
    if (check === null) throw new Error('not cancelled, yet no result');
    checks.push({ depths: check.depths, verdict: check.verdict.kind });
  }
  return checks;
}

describe('sameSitting', () => {
  it('accepts detector jitter and a small head movement, not another place or size', () => {
    expect(sameSitting(AT_DESK, [252, 130, 169, 169])).toBe(true);
    expect(sameSitting(AT_DESK, [240 + 60, 120, 180, 180])).toBe(true);
    expect(sameSitting(AT_DESK, [240 + 70, 120, 180, 180])).toBe(false);
    expect(sameSitting(AT_DESK, [240, 120, 130, 130])).toBe(false);
    expect(sameSitting(AT_DESK, [220, 100, 250, 250])).toBe(false);
  });
});

describe('CheckSchedule', () => {
  it('recognises the first check, then every third while the worker sits still', async () => {
    const checks = await run(new CheckSchedule(3), Array.from({ length: 7 }, () => worker()));
    expect(checks.map((c) => c.depths)).toEqual([['full'], ['light'], ['light'], ['full'], ['light'], ['light'], ['full']]);
    expect(checks.every((c) => c.verdict === 'present')).toBe(true);
  });

  it('an empty scene needs no recognition: away builds up on light frames only after a present', async () => {
    const checks = await run(new CheckSchedule(3), [worker(), empty, empty, worker()]);
    expect(checks.map((c) => c.depths)).toEqual([['full'], ['light'], ['full'], ['full']]);
    expect(checks.map((c) => c.verdict)).toEqual(['present', 'no-face', 'no-face', 'present']);
  });

  it('a second face or a face elsewhere is recognised at once, on the same check', async () => {
    const moved: FaceBox = [20, 200, 180, 180];
    const checks = await run(new CheckSchedule(3), [worker(), crowd, worker(), stranger(moved), stranger(moved)]);
    expect(checks.map((c) => c.depths)).toEqual([['full'], ['light', 'full'], ['full'], ['light', 'full'], ['full']]);
    expect(checks.map((c) => c.verdict)).toEqual(['present', 'multiple-faces', 'present', 'unknown-face', 'unknown-face']);
  });

  it('a stranger in the very same spot is seen at the next full check, then every check is full', async () => {
    const checks = await run(new CheckSchedule(3), [worker(), stranger(), stranger(), stranger(), stranger()]);
    expect(checks.map((c) => c.depths)).toEqual([['full'], ['light'], ['light'], ['full'], ['full']]);
    expect(checks.map((c) => c.verdict)).toEqual(['present', 'present', 'present', 'unknown-face', 'unknown-face']);
  });

  it('measures drift from the recognised box, so a slow slide is re-recognised', async () => {
    const slide = [0, 40, 80].map((dx): Scene => worker([240 + dx, 120, 180, 180]));
    const checks = await run(new CheckSchedule(3), slide);
    expect(checks.map((c) => c.depths)).toEqual([['full'], ['light'], ['light', 'full']]);
  });

  it('a check cancelled after its analysis judges and records nothing', async () => {
    const schedule = new CheckSchedule(3);
    expect(await schedule.check(async (depth) => worker()[depth], (f) => judgeFrame(f, [WORKER]), () => true)).toBeNull();
    expect(schedule.next()).toBe('full');
  });

  it('with fullEvery 1 every check is full, and nonsense is refused', async () => {
    expect((await run(new CheckSchedule(1), [worker(), worker(), worker()])).map((c) => c.depths)).toEqual([['full'], ['full'], ['full']]);
    expect(() => new CheckSchedule(0)).toThrow(RangeError);
  });
});
