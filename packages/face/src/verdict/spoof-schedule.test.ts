import { describe, expect, it } from 'vitest';
import type { FrameVerdict } from './frame-verdict';
import { SpoofCheckSchedule } from './spoof-schedule';

const present: FrameVerdict = { kind: 'present', faceCount: 1, bestSimilarity: 0.6 };
const spoof: FrameVerdict = { kind: 'spoof', faceCount: 1, bestSimilarity: 0.6, real: 0.1, live: 0.9 };
const away: FrameVerdict = { kind: 'no-face', faceCount: 0 };
const stranger: FrameVerdict = { kind: 'unknown-face', faceCount: 1, bestSimilarity: 0.1 };

/** Runs the schedule over verdicts; returns whether each check was scored. */
function run(schedule: SpoofCheckSchedule, verdicts: FrameVerdict[]): boolean[] {
  return verdicts.map((v) => {
    const scored = schedule.shouldScore();
    schedule.record(v, scored);
    return scored;
  });
}

describe('SpoofCheckSchedule', () => {
  it('scores the first check, then every third while the worker stays present', () => {
    expect(run(new SpoofCheckSchedule(3), Array(7).fill(present))).toEqual([true, false, false, true, false, false, true]);
  });

  it('scores every check after a verdict that was not a plain present', () => {
    const s = new SpoofCheckSchedule(3);
    expect(run(s, [present, away, stranger, present, present, present, present])).toEqual([true, false, true, true, false, false, true]);
  });

  it('keeps scoring while frames are spoofs, so K spoof checks in a row can happen', () => {
    const s = new SpoofCheckSchedule(3);
    // present (scored), then a photo is held up: unscored checks still look present, the next scored one is a spoof.
    const scored = run(s, [present, present, present, spoof, spoof, spoof, present]);
    expect(scored).toEqual([true, false, false, true, true, true, true]);
  });

  it('with everyChecks 1 scores every check, and refuses nonsense', () => {
    expect(run(new SpoofCheckSchedule(1), Array(4).fill(present))).toEqual([true, true, true, true]);
    expect(() => new SpoofCheckSchedule(0)).toThrow(RangeError);
  });
});
