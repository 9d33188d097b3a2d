import type { FrameVerdict } from './frame-verdict';

/** Tenant settings for the presence loop. */
export interface PresenceSettings {
  /** M: consecutive no-face checks before the worker counts as away (離席). */
  awayAfterChecks: number;
  /** K: consecutive unknown-face (or spoof) checks before an impersonation (なりすまし) incident. */
  impersonationAfterChecks: number;
}

/** `unknown` until the first check decides. */
export type PresenceState = 'unknown' | 'present' | 'away';

export type PresenceEvent =
  | {
      type: 'presenceChanged';
      from: PresenceState;
      to: PresenceState;
      /** Checks in a row that led to the change (1 for present, M for away). */
      consecutiveChecks: number;
      bestSimilarity: number | null;
    }
  /** M nearly uniform frames in a row (once per run): the camera is covered, not just an empty seat. */
  | { type: 'cameraCovered'; consecutiveChecks: number }
  | { type: 'incident'; kind: 'peeking'; faceCount: number; bestSimilarity: number }
  | {
      type: 'incident';
      kind: 'impersonation';
      /** What the last of the K checks saw. */
      cause: 'unknown-face' | 'spoof';
      consecutiveChecks: number;
      /** Highest similarity to the enrolled worker over the K checks: how close the stranger came. */
      bestSimilarity: number;
    };

function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer ≥ 1, got ${value}`);
}

/**
 * The presence state machine, fed one frame verdict per check (the agent checks every N seconds).
 * - present: clears every streak; state → present.
 * - no-face: after M in a row, state → away; M covered frames in a row (nearly uniform) also
 *   raise one cameraCovered event per run.
 * - multiple-faces: one peeking incident per episode (a run of multi-face checks); if the worker is
 *   among the faces the state is present.
 * - unknown-face / spoof: after K in a row, one impersonation incident; it fires again only after
 *   the streak has been broken by another verdict.
 * Events are returned from `check` and also passed to the optional listener.
 */
export class PresenceTracker {
  private current: PresenceState = 'unknown';
  private noFaceStreak = 0;
  private coveredStreak = 0;
  private unknownStreak = 0;
  private unknownBest = 0;
  private peeking = false;

  constructor(
    private readonly settings: PresenceSettings,
    private readonly listener?: (event: PresenceEvent) => void,
  ) {
    assertCount('awayAfterChecks', settings.awayAfterChecks);
    assertCount('impersonationAfterChecks', settings.impersonationAfterChecks);
  }

  get state(): PresenceState {
    return this.current;
  }

  check(verdict: FrameVerdict): PresenceEvent[] {
    const events: PresenceEvent[] = [];
    const moveTo = (to: PresenceState, consecutiveChecks: number, bestSimilarity: number | null) => {
      if (this.current === to) return;
      events.push({ type: 'presenceChanged', from: this.current, to, consecutiveChecks, bestSimilarity });
      this.current = to;
    };

    if (verdict.kind !== 'no-face') this.noFaceStreak = 0;
    if (verdict.kind !== 'no-face' || verdict.covered !== true) this.coveredStreak = 0;
    if (verdict.kind !== 'unknown-face' && verdict.kind !== 'spoof') {
      this.unknownStreak = 0;
      this.unknownBest = 0;
    }
    if (verdict.kind !== 'multiple-faces') this.peeking = false;

    switch (verdict.kind) {
      case 'present':
        moveTo('present', 1, verdict.bestSimilarity);
        break;
      case 'no-face':
        this.noFaceStreak++;
        if (verdict.covered === true) {
          this.coveredStreak++;
          if (this.coveredStreak === this.settings.awayAfterChecks) events.push({ type: 'cameraCovered', consecutiveChecks: this.coveredStreak });
        }
        if (this.noFaceStreak >= this.settings.awayAfterChecks) moveTo('away', this.noFaceStreak, null);
        break;
      case 'multiple-faces':
        if (!this.peeking) {
          events.push({ type: 'incident', kind: 'peeking', faceCount: verdict.faceCount, bestSimilarity: verdict.bestSimilarity });
          this.peeking = true;
        }
        if (verdict.workerAmongFaces) moveTo('present', 1, verdict.bestSimilarity);
        break;
      case 'unknown-face':
      case 'spoof':
        this.unknownStreak++;
        this.unknownBest = Math.max(this.unknownBest, verdict.bestSimilarity);
        if (this.unknownStreak === this.settings.impersonationAfterChecks) {
          events.push({
            type: 'incident',
            kind: 'impersonation',
            cause: verdict.kind,
            consecutiveChecks: this.unknownStreak,
            bestSimilarity: this.unknownBest,
          });
        }
        break;
    }
    if (this.listener) for (const e of events) this.listener(e);
    return events;
  }
}
