import { jstDayNumberOf, jstDayStartMs } from '../../calendar/jst';

// A worker who forgets to punch out leaves a session open. The tenant picks how such sessions are
// closed (Tenant.forgottenEndRule); the closed session is flagged so managers can see the end
// time was not punched.

export type ForgottenEndRule =
  | { kind: 'AT_SCHEDULED_END' }
  | { kind: 'AFTER_HOURS'; hours: number }
  | { kind: 'AT_JST_MIDNIGHT' };

export interface ForgottenEndDecision {
  /** The end to store: the punched end, the rule's close time, or null while still open. */
  endedAt: Date | null;
  /** True only when this rule closed the session. */
  flaggedForgotten: boolean;
}

/** The first JST midnight after `startedAt`. */
function nextJstMidnight(startedAt: Date): number {
  return jstDayStartMs(jstDayNumberOf(startedAt.getTime()) + 1);
}

/**
 * When the rule closes the session, or null if it never would. AT_SCHEDULED_END uses the planned
 * end of the session's day; without one (no schedule, day off, or the session began after it) it
 * falls back to JST midnight so that no session stays open for ever.
 */
export function forgottenEndCloseTime(startedAt: Date, rule: ForgottenEndRule, scheduledEnd: Date | null): Date {
  switch (rule.kind) {
    case 'AFTER_HOURS':
      if (!(rule.hours > 0)) throw new RangeError(`hours must be positive: ${rule.hours}`);
      return new Date(startedAt.getTime() + rule.hours * 3_600_000);
    case 'AT_JST_MIDNIGHT':
      return new Date(nextJstMidnight(startedAt));
    case 'AT_SCHEDULED_END':
      if (scheduledEnd !== null && scheduledEnd.getTime() > startedAt.getTime()) return scheduledEnd;
      return new Date(nextJstMidnight(startedAt));
  }
}

/**
 * Applies the rule at `now`: a session that was punched out keeps its end; an open one is closed
 * at the rule's close time once that time has passed, and flagged.
 */
export function closeForgottenSession(
  session: { startedAt: Date; endedAt: Date | null },
  rule: ForgottenEndRule,
  context: { now: Date; scheduledEnd?: Date | null },
): ForgottenEndDecision {
  if (session.endedAt !== null) return { endedAt: session.endedAt, flaggedForgotten: false };
  const closeAt = forgottenEndCloseTime(session.startedAt, rule, context.scheduledEnd ?? null);
  if (context.now.getTime() < closeAt.getTime()) return { endedAt: null, flaggedForgotten: false };
  return { endedAt: closeAt, flaggedForgotten: true };
}
