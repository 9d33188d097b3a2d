// Limits on when a punch may say it happened. The agent's offline queue can deliver punches late
// (days, while a PC is offline) but never from the future; a small skew covers unsynchronised clocks.
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
export const MAX_PUNCH_AGE_MS = 30 * 24 * 60 * 60_000;

export type PunchRefusal =
  | 'WORK_ALREADY_STARTED'
  | 'WORK_SESSION_OPEN_ON_ANOTHER_PC'
  | 'NO_OPEN_WORK_SESSION'
  | 'NO_OPEN_TASK'
  | 'TASK_INACTIVE'
  | 'PUNCH_IN_FUTURE'
  | 'PUNCH_TOO_OLD'
  | 'PUNCH_BEFORE_SESSION_START';

export function checkPunchTime(occurredAt: Date, now: Date): PunchRefusal | null {
  if (occurredAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) return 'PUNCH_IN_FUTURE';
  if (occurredAt.getTime() < now.getTime() - MAX_PUNCH_AGE_MS) return 'PUNCH_TOO_OLD';
  return null;
}
