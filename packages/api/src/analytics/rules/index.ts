export { aggregateWorkDays, type AggregateInput } from './aggregate-work-days';
export { addDayToTotals, emptyDayFigureTotals, type DayFigureTotals } from './worker-totals';
export { presenceEventsToIntervals, type PresenceEventInput } from './presence-intervals';
export { closeForgottenSession, forgottenEndCloseTime, type ForgottenEndDecision, type ForgottenEndRule } from './forgotten-end';
export type {
  PresenceIntervalInput,
  PresenceState,
  ScheduleInput,
  ScheduleResult,
  TaskIntervalInput,
  WorkSessionInput,
  WorkerDay,
} from './types';
export { LEGAL_DAY_MINUTES, addPayrollFigures, emptyPayrollFigures, payrollDay, payrollTotals, type PayrollFigures } from './payroll';
