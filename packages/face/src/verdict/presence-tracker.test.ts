import { describe, expect, it } from 'vitest';
import type { FrameVerdict } from './frame-verdict';
import { PresenceTracker, type PresenceEvent } from './presence-tracker';

const present = (s = 0.9): FrameVerdict => ({ kind: 'present', faceCount: 1, bestSimilarity: s });
const noFace: FrameVerdict = { kind: 'no-face', faceCount: 0 };
const unknown = (s = 0.1): FrameVerdict => ({ kind: 'unknown-face', faceCount: 1, bestSimilarity: s });
const spoof: FrameVerdict = { kind: 'spoof', faceCount: 1, bestSimilarity: 0.8, real: 0.1, live: 0.9 };
const group = (faceCount: number, workerAmongFaces: boolean): FrameVerdict => ({
  kind: 'multiple-faces',
  faceCount,
  bestSimilarity: workerAmongFaces ? 0.7 : 0.1,
  workerAmongFaces,
});

const tracker = (awayAfterChecks = 3, impersonationAfterChecks = 2) => new PresenceTracker({ awayAfterChecks, impersonationAfterChecks });

describe('PresenceTracker', () => {
  it('starts unknown and becomes present on the first present check, once', () => {
    const t = tracker();
    expect(t.state).toBe('unknown');
    expect(t.check(present(0.42))).toEqual([
      { type: 'presenceChanged', from: 'unknown', to: 'present', consecutiveChecks: 1, bestSimilarity: 0.42 },
    ]);
    expect(t.check(present())).toEqual([]);
    expect(t.state).toBe('present');
  });

  it('goes away only after M consecutive no-face checks', () => {
    const t = tracker(3);
    t.check(present());
    expect(t.check(noFace)).toEqual([]);
    expect(t.check(noFace)).toEqual([]);
    expect(t.check(noFace)).toEqual([
      { type: 'presenceChanged', from: 'present', to: 'away', consecutiveChecks: 3, bestSimilarity: null },
    ]);
    expect(t.check(noFace)).toEqual([]);
    expect(t.state).toBe('away');
  });

  it('restarts the no-face count when a face is seen in between', () => {
    const t = tracker(3);
    t.check(present());
    t.check(noFace);
    t.check(noFace);
    t.check(unknown());
    t.check(noFace);
    t.check(noFace);
    expect(t.state).toBe('present');
    expect(t.check(noFace)).toHaveLength(1);
  });

  it('comes back to present from away', () => {
    const t = tracker(1);
    t.check(present());
    t.check(noFace);
    expect(t.check(present(0.5))).toEqual([
      { type: 'presenceChanged', from: 'away', to: 'present', consecutiveChecks: 1, bestSimilarity: 0.5 },
    ]);
  });

  it('raises one impersonation incident after K consecutive unknown faces, with the best similarity seen', () => {
    const t = tracker(3, 3);
    t.check(present());
    expect(t.check(unknown(0.1))).toEqual([]);
    expect(t.check(unknown(0.25))).toEqual([]);
    expect(t.check(unknown(0.2))).toEqual([
      { type: 'incident', kind: 'impersonation', cause: 'unknown-face', consecutiveChecks: 3, bestSimilarity: 0.25 },
    ]);
    expect(t.check(unknown())).toEqual([]);
    expect(t.state).toBe('present');
  });

  it('counts spoofs toward impersonation and names the cause', () => {
    const t = tracker(3, 2);
    t.check(unknown(0.1));
    expect(t.check(spoof)).toEqual([
      { type: 'incident', kind: 'impersonation', cause: 'spoof', consecutiveChecks: 2, bestSimilarity: 0.8 },
    ]);
  });

  it('needs the unknown faces in a row: present clears the streak and re-arms the incident', () => {
    const t = tracker(3, 2);
    t.check(unknown());
    t.check(present());
    expect(t.check(unknown())).toEqual([]);
    expect(t.check(unknown())).toHaveLength(1);
    t.check(present());
    t.check(unknown());
    expect(t.check(unknown())).toHaveLength(1);
  });

  it('raises one peeking incident per run of multi-face checks', () => {
    const t = tracker();
    t.check(present());
    expect(t.check(group(3, true))).toEqual([{ type: 'incident', kind: 'peeking', faceCount: 3, bestSimilarity: 0.7 }]);
    expect(t.check(group(2, true))).toEqual([]);
    t.check(present());
    expect(t.check(group(2, true))).toHaveLength(1);
  });

  it('keeps the worker present when they are among the faces, and restarts the no-face count', () => {
    const t = tracker(2);
    t.check(noFace);
    t.check(noFace);
    expect(t.state).toBe('away');
    const events = t.check(group(2, true));
    expect(events.map((e) => e.type)).toEqual(['incident', 'presenceChanged']);
    expect(t.state).toBe('present');
    t.check(noFace);
    expect(t.state).toBe('present');
  });

  it('does not mark the worker present when strangers crowd the screen', () => {
    const t = tracker();
    t.check(group(2, false));
    expect(t.state).toBe('unknown');
  });

  it('passes every event to the listener too', () => {
    const seen: PresenceEvent[] = [];
    const t = new PresenceTracker({ awayAfterChecks: 1, impersonationAfterChecks: 1 }, (e) => seen.push(e));
    const returned = [...t.check(present()), ...t.check(unknown()), ...t.check(noFace)];
    expect(seen).toEqual(returned);
    expect(seen.map((e) => (e.type === 'incident' ? e.kind : e.type === 'cameraCovered' ? e.type : e.to))).toEqual(['present', 'impersonation', 'away']);
  });

  it('rejects settings that are not positive integers', () => {
    expect(() => tracker(0)).toThrow(RangeError);
    expect(() => tracker(2, 1.5)).toThrow(RangeError);
  });
});

describe('covered camera', () => {
  const covered: FrameVerdict = { kind: 'no-face', faceCount: 0, covered: true };
  const empty: FrameVerdict = { kind: 'no-face', faceCount: 0 };
  const present: FrameVerdict = { kind: 'present', faceCount: 1, bestSimilarity: 0.8 };

  it('raises cameraCovered once after M covered checks in a row, and the worker goes away', () => {
    const t = new PresenceTracker({ awayAfterChecks: 3, impersonationAfterChecks: 2 });
    t.check(present);
    expect(t.check(covered)).toEqual([]);
    expect(t.check(covered)).toEqual([]);
    expect(t.check(covered).map((e) => e.type)).toEqual(['cameraCovered', 'presenceChanged']);
    expect(t.check(covered)).toEqual([]);
    expect(t.state).toBe('away');
  });

  it('needs the covered frames in a row: an empty seat in between restarts the count', () => {
    const t = new PresenceTracker({ awayAfterChecks: 3, impersonationAfterChecks: 2 });
    t.check(covered);
    t.check(covered);
    t.check(empty);
    expect(t.check(covered).some((e) => e.type === 'cameraCovered')).toBe(false);
    t.check(covered);
    expect(t.check(covered).map((e) => e.type)).toEqual(['cameraCovered']);
  });
});
