'use client';
import { formatMinutes } from '@telework/ui/i18n';
import { useT } from '@telework/ui';
import { monthDays } from './calendar';
import type { ScheduleDay } from './types';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The end of a plan: a night shift's end reads "翌07:00". */
function EndTime({ endMinute }: { endMinute: number }) {
  const t = useT();
  return <>{endMinute > 1440 ? t('schedules.nextDay', { time: formatMinutes(endMinute - 1440) }) : formatMinutes(endMinute)}</>;
}

/**
 * A month of planned hours, Monday first; public holidays, company days off (会社カレンダー) and
 * weekends marked, one day selectable.
 */
export function MonthCalendar({ month, plans, holidays, companyDaysOff, today, selected, onSelect }: {
  month: string;
  plans: Map<string, ScheduleDay>;
  holidays: Map<string, string>;
  companyDaysOff?: Map<string, string>;
  today: string;
  selected: string | null;
  onSelect: (date: string) => void;
}) {
  const t = useT();
  const { days, firstWeekday } = monthDays(month);
  const cells: (string | null)[] = [...Array.from({ length: firstWeekday - 1 }, () => null), ...days];
  while (cells.length % 7) cells.push(null);
  return (
    <div role="grid" aria-label={month} style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 4 }}>
      {WEEKDAYS.map((w) => (
        <div key={w} role="columnheader" style={{ textAlign: 'center', fontWeight: 600, color: w === 7 ? '#b91c1c' : w === 6 ? '#1d4ed8' : undefined }}>
          {t(`schedules.weekday.${w}`)}
        </div>
      ))}
      {cells.map((date, i) => {
        if (!date) return <div key={`blank-${i}`} />;
        const plan = plans.get(date);
        const companyDay = companyDaysOff?.get(date);
        const holiday = holidays.get(date) ?? (companyDay !== undefined ? `${t('schedules.companyDayOff')}: ${companyDay}` : undefined);
        const weekday = (i % 7) + 1;
        const red = holiday || weekday === 7;
        return (
          <button
            key={date}
            type="button"
            role="gridcell"
            aria-selected={selected === date}
            data-testid={`day-${date}`}
            onClick={() => onSelect(date)}
            style={{
              textAlign: 'left', minHeight: 74, padding: 6, borderRadius: 6, cursor: 'pointer', font: 'inherit', fontSize: '0.85rem',
              border: selected === date ? '2px solid #2563eb' : date === today ? '2px solid #93c5fd' : '1px solid #e2e8f0',
              background: holiday ? '#fef2f2' : plan && !plan.isDayOff ? '#f0f9ff' : '#fff',
            }}
          >
            <div style={{ fontWeight: 600, color: red ? '#b91c1c' : weekday === 6 ? '#1d4ed8' : undefined }}>{Number(date.slice(8))}</div>
            {holiday ? <div style={{ color: '#b91c1c', fontSize: '0.75rem' }}>{holiday}</div> : null}
            {plan ? (
              plan.isDayOff ? (
                <div className="tw-muted">{t('schedules.dayOff')}</div>
              ) : (
                <div>
                  {formatMinutes(plan.startMinute)}–<EndTime endMinute={plan.endMinute} />
                  <div className="tw-muted" style={{ fontSize: '0.7rem' }} data-testid={`source-${date}`}>{t(`schedules.source.${plan.source}`)}</div>
                  {plan.breakMinutes ? <div className="tw-muted" style={{ fontSize: '0.75rem' }}>{t('schedules.break', { minutes: formatMinutes(plan.breakMinutes) })}</div> : null}
                </div>
              )
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
