import type { FrameVerdict } from './frame-verdict';

/** Checks between two runs of the spoof models while the worker is steadily present. */
export const DEFAULT_SPOOF_EVERY_CHECKS = 3;

/**
 * When to run antispoof + liveness, which are about 18 % of a one-face frame's CPU (measured in
 * Node: 129 → 106 ms) and only decide anything on a frame that otherwise shows the worker.
 *
 * They run on every check unless the previous verdict was a plain `present`; then only on every
 * `everyChecks`-th check. So an arrival (after away, another face or a crowd) is always scored, a
 * spoof verdict keeps every following check scored until it clears (the impersonation count of K
 * checks in a row still builds up), and a photo held up in place of a worker who was present is seen
 * at most `everyChecks - 1` checks later than with the models on every frame.
 */
export class SpoofCheckSchedule {
  private sinceScored = Number.POSITIVE_INFINITY;
  private last: FrameVerdict['kind'] | null = null;

  constructor(private readonly everyChecks = DEFAULT_SPOOF_EVERY_CHECKS) {
    if (!Number.isInteger(everyChecks) || everyChecks < 1) throw new RangeError('everyChecks must be a positive integer');
  }

  /** Whether the next check runs the spoof models. */
  shouldScore(): boolean {
    return this.last !== 'present' || this.sinceScored + 1 >= this.everyChecks;
  }

  /** Records the verdict of a check and whether its frame was scored. */
  record(verdict: FrameVerdict, scored: boolean): void {
    this.last = verdict.kind;
    this.sinceScored = scored ? 0 : this.sinceScored + 1;
  }
}
