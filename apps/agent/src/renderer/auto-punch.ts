import type { AgentSettings } from '../contract/bridge';

export type PresenceState = 'present' | 'away' | 'unknown';
export type AutoPunchKind = 'WORK_START' | 'WORK_END';

export interface AutoPunchDeps {
  /** How long the away state must hold before work ends. */
  awayWindowMs: number;
  now: () => number;
  punch: (kind: AutoPunchKind) => Promise<void>;
}

/**
 * The away window: the tenant's away rule (M checks in a row without the worker, one check every
 * `detectionIntervalSec`) expressed as time. Work ends only after the worker has been away for that
 * long again, so a short absence just after the AWAY report does not end the session.
 */
export function awayWindowMs(settings: Pick<AgentSettings, 'awayAfterChecks' | 'detectionIntervalSec'>): number {
  return settings.awayAfterChecks * settings.detectionIntervalSec * 1000;
}

/**
 * Punches from presence when the tenant turned `autoPunchFromPresence` on: work start on the first
 * present verdict while no session is open, work end once the away state has held for the away
 * window. Fed the tracker's state after every check; it never punches twice for one decision.
 */
export class AutoPunch {
  private awaySince: number | null = null;
  private pending: Promise<void> | null = null;

  constructor(private readonly deps: AutoPunchDeps) {}

  /** Returns the punch it made for this check, if any. */
  async observe(state: PresenceState, sessionOpen: boolean): Promise<AutoPunchKind | null> {
    if (this.pending) return null;
    const kind = this.decide(state, sessionOpen);
    if (!kind) return null;
    this.awaySince = null;
    this.pending = this.deps.punch(kind).finally(() => (this.pending = null));
    await this.pending;
    return kind;
  }

  private decide(state: PresenceState, sessionOpen: boolean): AutoPunchKind | null {
    if (!sessionOpen) {
      this.awaySince = null;
      return state === 'present' ? 'WORK_START' : null;
    }
    if (state !== 'away') {
      this.awaySince = null;
      return null;
    }
    const now = this.deps.now();
    this.awaySince ??= now;
    return now - this.awaySince >= this.deps.awayWindowMs ? 'WORK_END' : null;
  }
}
