import type { PresenceIntervalInput, PresenceState } from './types';

export interface PresenceEventInput {
  workerId: string;
  /** Events of different sessions never run into each other; null groups by worker only. */
  workSessionId: string | null;
  state: PresenceState;
  occurredAt: Date;
}

/** Time order; at one instant AWAY first, so that the PRESENT after it is the state that holds. */
export function byTimeThenAwayFirst(a: { occurredAt: Date; state: PresenceState }, b: { occurredAt: Date; state: PresenceState }): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || (a.state === b.state ? 0 : a.state === 'AWAY' ? -1 : 1);
}

/**
 * Turns presence events (state changes, as the agent reports them) into intervals: each state lasts
 * until the next event of the same worker and session, the last one stays open (the aggregation
 * ends it with its own work session). Repeated reports of the same state extend one interval.
 * Two states reported at the same instant: PRESENT is the one that holds (as where intervals
 * overlap), whatever order the rows arrive in — the database keeps none.
 */
export function presenceEventsToIntervals(events: readonly PresenceEventInput[]): PresenceIntervalInput[] {
  const groups = new Map<string, PresenceEventInput[]>();
  for (const event of events) {
    const key = `${event.workerId}\u0000${event.workSessionId ?? ''}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [event]);
    else list.push(event);
  }
  const intervals: PresenceIntervalInput[] = [];
  for (const list of groups.values()) {
    list.sort(byTimeThenAwayFirst);
    let current: PresenceIntervalInput | null = null;
    for (const event of list) {
      if (current !== null && current.state === event.state) continue;
      if (current !== null) current.endedAt = event.occurredAt;
      current = { workerId: event.workerId, workSessionId: event.workSessionId, state: event.state, startedAt: event.occurredAt, endedAt: null };
      intervals.push(current);
    }
  }
  return intervals;
}
