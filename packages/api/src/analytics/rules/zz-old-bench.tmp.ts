import { isBusinessDay } from '../../calendar/business-days';
import { dayNumberToIsoDate, isoDateToDayNumber } from '../../calendar/day-number';
import { jstDayStartMs } from '../../calendar/jst';
import { aggregateWorkDays } from './zz-old-aggregate.tmp';
import type { PresenceIntervalInput, ScheduleInput, TaskIntervalInput, WorkSessionInput } from './types';

// Benchmark (npm run bench): the pure aggregation for 5,000 workers × 3 months in one pass. Speed
// is measured and printed here, never asserted in tests.
const WORKERS = 5_000;
const FROM = '2026-09-01';
const TO = '2026-11-30';

function generate() {
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const minute = 60_000;
  const sessions: WorkSessionInput[] = [];
  const presence: PresenceIntervalInput[] = [];
  const tasks: TaskIntervalInput[] = [];
  const schedules: ScheduleInput[] = [];
  const first = isoDateToDayNumber(FROM);
  const last = isoDateToDayNumber(TO);
  const workdays: number[] = [];
  for (let day = first; day <= last; day += 1) if (isBusinessDay(dayNumberToIsoDate(day))) workdays.push(day);
  for (let w = 0; w < WORKERS; w += 1) {
    const workerId = `worker-${w}`;
    for (const day of workdays) {
      const date = dayNumberToIsoDate(day);
      schedules.push({ workerId, date, startMinute: 540, endMinute: 1080, breakMinutes: 60, isDayOff: false });
      const start = jstDayStartMs(day) + (520 + Math.floor(random() * 60)) * minute;
      const end = jstDayStartMs(day) + (1050 + Math.floor(random() * 120)) * minute;
      sessions.push({ workerId, startedAt: new Date(start), endedAt: new Date(end) });
      // Four presence intervals and three tasks a day.
      const quarter = (end - start) / 4;
      for (let q = 0; q < 4; q += 1) {
        presence.push({
          workerId,
          state: q % 2 === 0 ? 'PRESENT' : 'AWAY',
          startedAt: new Date(start + q * quarter),
          endedAt: new Date(start + (q + 1) * quarter),
        });
      }
      const third = (end - start) / 3;
      for (let t = 0; t < 3; t += 1) {
        tasks.push({ workerId, taskId: `task-${(w + t) % 10}`, startedAt: new Date(start + t * third), endedAt: new Date(start + (t + 1) * third) });
      }
    }
  }
  return { sessions, presence, tasks, schedules, workdays: workdays.length };
}

export function benchAggregateWorkDays(): void {
  const genStart = performance.now();
  const data = generate();
  const genMs = performance.now() - genStart;
  const started = performance.now();
  const days = aggregateWorkDays({ from: FROM, to: TO, asOf: new Date('2026-12-01T00:00:00Z'), ...data });
  const elapsed = performance.now() - started;
  if (days.length !== WORKERS * data.workdays) throw new Error(`expected ${WORKERS * data.workdays} worker-days, got ${days.length}`);
  console.log(
    `aggregateWorkDays (pure): ${WORKERS} workers, ${data.sessions.length} sessions, ${data.presence.length} presence and ` +
      `${data.tasks.length} task intervals → ${days.length} worker-days in ${elapsed.toFixed(0)} ms (input generated in ${genMs.toFixed(0)} ms)`,
  );
}
