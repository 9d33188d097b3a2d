'use client';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Field, TextInput, useT, type ErrorText } from '@telework/ui';
import { formatMinutes } from '@telework/ui/i18n';
import { clock, endClock, parseClock, shiftEnd } from './calendar';
import type { ScheduleDay } from './types';

export interface DayPlanInput {
  startMinute: number;
  endMinute: number;
  breakMinutes: number;
  isDayOff: boolean;
  note: string | null;
}

/** One day's own plan (wins over the weekly pattern), or clearing it back to the pattern. */
export function DayEditor({ date, plan, err, pending, onSave, onClear }: {
  date: string;
  plan: ScheduleDay | undefined;
  err: ErrorText;
  pending: boolean;
  onSave: (plan: DayPlanInput) => void;
  onClear: () => void;
}) {
  const t = useT();
  const [v, setV] = useState({
    start: clock(plan?.startMinute ?? 540), end: endClock(plan?.endMinute ?? 1080), break: formatMinutes(plan?.breakMinutes ?? 60), isDayOff: plan?.isDayOff ?? false, note: '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (v.isDayOff) {
      // A day off's hours are never read, but the API wants a well-formed plan: keep the typed one
      // when it is valid, otherwise a neutral one, so that stale hours cannot block a day off.
      const [s, en, b] = [parseClock(v.start), parseClock(v.end), parseClock(v.break)];
      const valid = s !== null && en !== null && b !== null && s < 1440 && b <= shiftEnd(s, en) - s;
      setLocal({});
      onSave({ startMinute: valid ? s : 540, endMinute: valid ? shiftEnd(s, en) : 1080, breakMinutes: valid ? b : 0, isDayOff: true, note: v.note.trim() || null });
      return;
    }
    const start = parseClock(v.start);
    const end = parseClock(v.end);
    const brk = parseClock(v.break);
    const bad: Record<string, string> = {};
    if (start === null || start >= 1440) bad.startMinute = t('error.field.invalid');
    if (end === null) bad.endMinute = t('error.field.invalid');
    if (brk === null) bad.breakMinutes = t('error.field.invalid');
    setLocal(bad);
    if (start === null || start >= 1440 || end === null || brk === null) return;
    // An end at or before the start is the next morning (night shift).
    onSave({ startMinute: start, endMinute: shiftEnd(start, end), breakMinutes: brk, isDayOff: v.isDayOff, note: v.note.trim() || null });
  };
  const fields = { ...err.fields, ...local };
  return (
    <form className="tw-form" onSubmit={submit} noValidate>
      <p className="tw-muted">
        {t('schedules.dayHint')} {t('schedules.clockHint')} {t('schedules.nightHint')}
      </p>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
        <input type="checkbox" checked={v.isDayOff} onChange={(e) => setV({ ...v, isDayOff: e.target.checked })} />
        {t('schedules.isDayOff')}
      </label>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Field label={t('schedules.start')} htmlFor="d-start" error={fields.startMinute}>
          <TextInput id="d-start" inputMode="numeric" size={6} placeholder="09:00" value={v.start} disabled={v.isDayOff} onChange={(e) => setV({ ...v, start: e.target.value })} />
        </Field>
        <Field label={t('schedules.end')} htmlFor="d-end" error={fields.endMinute}>
          <TextInput id="d-end" inputMode="numeric" size={6} placeholder="09:00" value={v.end} disabled={v.isDayOff} onChange={(e) => setV({ ...v, end: e.target.value })} />
        </Field>
        <Field label={t('schedules.breakMinutes')} htmlFor="d-break" error={fields.breakMinutes}>
          <TextInput id="d-break" inputMode="numeric" size={6} value={v.break} disabled={v.isDayOff} onChange={(e) => setV({ ...v, break: e.target.value })} />
        </Field>
      </div>
      <Field label={t('schedules.note')} htmlFor="d-note" error={fields.note}>
        <TextInput id="d-note" value={v.note} onChange={(e) => setV({ ...v, note: e.target.value })} />
      </Field>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Button type="submit" disabled={pending}>
          {t('schedules.saveDay')}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={onClear} title={t('schedules.clearHint')}>
          {t('schedules.clearDay')}
        </Button>
      </div>
      <p className="tw-muted" style={{ fontSize: '0.85rem' }}>
        {date} · {t('schedules.clearHint')}
      </p>
    </form>
  );
}
