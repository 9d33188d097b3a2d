import type { IsoDate } from '../../calendar/day-number';

// Inputs mirror the database rows (WorkSession, TaskSession, WorkSchedule) so a service can pass
// query results straight in; `endedAt: null` means still open.

export interface WorkSessionInput {
  workerId: string;
  startedAt: Date;
  endedAt: Date | null;
}

export type PresenceState = 'PRESENT' | 'AWAY';

export interface PresenceIntervalInput {
  workerId: string;
  state: PresenceState;
  startedAt: Date;
  endedAt: Date | null;
}

export interface TaskIntervalInput {
  workerId: string;
  taskId: string;
  startedAt: Date;
  endedAt: Date | null;
}

export interface ScheduleInput {
  workerId: string;
  date: IsoDate;
  /** Planned start and end as minutes after JST midnight of `date` (0 ≤ start < end ≤ 1440). */
  startMinute: number;
  endMinute: number;
  breakMinutes: number;
  isDayOff: boolean;
}

export interface ScheduleResult {
  dayOff: boolean;
  plannedStartAt: Date | null;
  plannedEndAt: Date | null;
  /** end − start − break; 0 on a day off. */
  plannedMinutes: number;
  /** No work at all on a working day. */
  absent: boolean;
  lateStartMinutes: number;
  /** 0 while the session is still open. */
  earlyEndMinutes: number;
  /** Minutes worked outside the planned start–end window (all work on a day off). */
  overtimeMinutes: number;
}

export interface WorkerDay {
  workerId: string;
  date: IsoDate;
  workedMinutes: number;
  presentMinutes: number;
  awayMinutes: number;
  /** Minutes per task id; only tasks worked that day. */
  taskMinutes: Record<string, number>;
  firstStartAt: Date | null;
  lastEndAt: Date | null;
  /** A session was still open at `asOf`, so the day's figures may still grow. */
  stillOpen: boolean;
  /** null when no schedule row exists for the day. */
  schedule: ScheduleResult | null;
}
