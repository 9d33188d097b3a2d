import type { IsoDate } from '../../calendar/day-number';

// Inputs mirror the database rows (WorkSession, TaskSession, WorkSchedule) so a service can pass
// query results straight in; `endedAt: null` means still open.

export interface WorkSessionInput {
  /** Lets presence and task intervals be closed at the end of their own session. */
  id?: string;
  workerId: string;
  startedAt: Date;
  endedAt: Date | null;
  /** The times come from an approved punch correction (打刻修正): the day is marked. */
  corrected?: boolean;
}

export type PresenceState = 'PRESENT' | 'AWAY';

export interface PresenceIntervalInput {
  workerId: string;
  /**
   * The session the state was reported in: the state ends with that session, whatever comes after
   * it. Unset or null: clipped to the worker's work time only.
   */
  workSessionId?: string | null;
  state: PresenceState;
  startedAt: Date;
  endedAt: Date | null;
}

export interface TaskIntervalInput {
  workerId: string;
  /** As for presence: the task ends with its session. */
  workSessionId?: string | null;
  taskId: string;
  startedAt: Date;
  endedAt: Date | null;
}

export interface ScheduleInput {
  workerId: string;
  date: IsoDate;
  /**
   * Planned start and end as minutes after JST midnight of `date`: 0 ≤ start < 1440 and
   * start < end ≤ start + 1440. An end past 1440 is on the next day (夜勤, e.g. 22:00–07:00 is
   * 1320–1860); the shift still belongs to `date`.
   */
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
  /** No work at all on a working day whose planned end has passed (as of the report). */
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
  /** Worked minutes between 22:00 and 05:00 JST (深夜), on the day they fall on. */
  nightMinutes: number;
  /** Minutes per task id; only tasks worked that day. */
  taskMinutes: Record<string, number>;
  firstStartAt: Date | null;
  lastEndAt: Date | null;
  /** A session was still open at `asOf`, so the day's figures may still grow. */
  stillOpen: boolean;
  /** Some of the day's work comes from an approved punch correction (shown with a mark). */
  corrected: boolean;
  /** null when no schedule row exists for the day. */
  schedule: ScheduleResult | null;
}
