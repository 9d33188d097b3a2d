'use client';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Field, TextInput, useT, type ErrorText } from '@telework/ui';
import { clock, endClock, parseClock, shiftEnd } from './calendar';

export interface PatternInput {
  validFrom: string;
  workOnHolidays: boolean;
  days: { weekday: number; startMinute: number; endMinute: number; breakMinutes: number }[];
}

interface Row {
  works: boolean;
  start: string;
  end: string;
  break: string;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The stored pattern's rows, or Mon–Fri 9:00–18:00 with an hour's break for a worker without one. */
function initialRows(stored: PatternInput | null): Record<number, Row> {
  if (!stored) return Object.fromEntries(WEEKDAYS.map((w) => [w, { works: w <= 5, start: '09:00', end: '18:00', break: '1:00' }]));
  const byDay = new Map(stored.days.map((d) => [d.weekday, d]));
  return Object.fromEntries(
    WEEKDAYS.map((w) => {
      const d = byDay.get(w);
      return [w, d ? { works: true, start: clock(d.startMinute), end: endClock(d.endMinute), break: clock(d.breakMinutes) } : { works: false, start: '09:00', end: '18:00', break: '1:00' }];
    }),
  );
}

/**
 * Mon–Sun hours from a date on, opened with the worker's stored pattern (`stored`); each row's
 * mistakes are shown on that row.
 */
export function PatternEditor({ stored, defaultFrom, err, pending, onSave, submitLabel, showInForce = true, idPrefix = 'p' }: {
  stored: PatternInput | null;
  defaultFrom: string;
  err: ErrorText;
  pending: boolean;
  onSave: (p: PatternInput) => void;
  /** The button's text (default: save pattern). */
  submitLabel?: string;
  /** Whether to say which stored pattern the form opened with. */
  showInForce?: boolean;
  /** Element ids start with it: several editors share the schedules page. */
  idPrefix?: string;
}) {
  const t = useT();
  const [rows, setRows] = useState(() => initialRows(stored));
  const [validFrom, setValidFrom] = useState(defaultFrom);
  const [workOnHolidays, setWorkOnHolidays] = useState(stored?.workOnHolidays ?? false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (w: number, patch: Partial<Row>) => setRows({ ...rows, [w]: { ...(rows[w] ?? { works: false, start: '', end: '', break: '' }), ...patch } });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    const days: PatternInput['days'] = [];
    for (const w of WEEKDAYS) {
      const r = rows[w];
      if (!r?.works) continue;
      const [s, en, b] = [parseClock(r.start), parseClock(r.end), parseClock(r.break)];
      // An end at or before the start is the next morning (night shift).
      if (s === null || en === null || b === null || s >= 1440) bad[`w${w}`] = t('error.field.invalid');
      else if (b > shiftEnd(s, en) - s) bad[`w${w}`] = t('schedules.breakTooLong');
      else days.push({ weekday: w, startMinute: s, endMinute: shiftEnd(s, en), breakMinutes: b });
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) bad.validFrom = t('error.field.required');
    setLocal(bad);
    if (Object.keys(bad).length === 0) onSave({ validFrom, workOnHolidays, days });
  };
  const fields = { ...err.fields, ...local };
  return (
    <form className="tw-form" onSubmit={submit} noValidate style={{ maxWidth: 'none' }}>
      <p className="tw-muted">
        {t('schedules.patternHint')} {t('schedules.clockHint')} {t('schedules.nightHint')}
      </p>
      {showInForce ? (
        <p className="tw-muted" data-testid={idPrefix === 'p' ? 'pattern-in-force' : `${idPrefix}-pattern-in-force`}>
          {stored ? t('schedules.patternInForce', { from: stored.validFrom }) : t('schedules.noPattern')}
        </p>
      ) : null}
      {err.message ? <Alert>{err.message}</Alert> : null}
      <div className="tw-table-wrap">
        <table className="tw-table">
          <thead>
            <tr>
              <th />
              <th>{t('schedules.works')}</th>
              <th>{t('schedules.start')}</th>
              <th>{t('schedules.end')}</th>
              <th>{t('schedules.breakMinutes')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((w) => {
              const r = rows[w];
              const label = t(`schedules.weekday.${w}`);
              return (
                <tr key={w} data-testid={`pattern-${w}`}>
                  <th scope="row">{label}</th>
                  <td>
                    <input type="checkbox" aria-label={`${label} ${t('schedules.works')}`} checked={r?.works ?? false} onChange={(e) => set(w, { works: e.target.checked })} />
                  </td>
                  <td>
                    <TextInput inputMode="numeric" size={6} placeholder="09:00" aria-label={`${label} ${t('schedules.start')}`} value={r?.start ?? ''} disabled={!r?.works} onChange={(e) => set(w, { start: e.target.value })} />
                  </td>
                  <td>
                    <TextInput inputMode="numeric" size={6} placeholder="09:00" aria-label={`${label} ${t('schedules.end')}`} value={r?.end ?? ''} disabled={!r?.works} onChange={(e) => set(w, { end: e.target.value })} />
                  </td>
                  <td>
                    <TextInput aria-label={`${label} ${t('schedules.breakMinutes')}`} size={6} value={r?.break ?? ''} disabled={!r?.works} onChange={(e) => set(w, { break: e.target.value })} />
                  </td>
                  <td className="tw-field-error" role={fields[`w${w}`] ? 'alert' : undefined}>
                    {fields[`w${w}`] ?? ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        <input type="checkbox" checked={workOnHolidays} onChange={(e) => setWorkOnHolidays(e.target.checked)} />
        {t('schedules.workOnHolidays')}
      </label>
      <Field label={t('schedules.validFrom')} htmlFor={`${idPrefix}-from`} error={fields.validFrom}>
        <TextInput id={`${idPrefix}-from`} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
      </Field>
      {fields.endMinute || fields.breakMinutes || fields.days ? <Alert>{fields.endMinute ?? fields.breakMinutes ?? fields.days}</Alert> : null}
      <div>
        <Button type="submit" disabled={pending}>
          {submitLabel ?? t('schedules.savePattern')}
        </Button>
      </div>
    </form>
  );
}

