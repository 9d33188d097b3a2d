'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Field, TextInput, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { yearEndDaysOff } from './calendar';
import { usePeopleError } from './use-people-error';

/**
 * 会社カレンダー: the company's days off from the shown month to a year later, with 年末年始 offered
 * as a one-click suggestion. Everyone sees them; only administrators (`canEdit`) add or remove.
 */
export function CompanyCalendarCard({ month, canEdit }: { month: string; canEdit: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const peopleError = usePeopleError();
  const year = Number(month.slice(0, 4));
  const range = { from: `${month}-01`, to: `${year + 1}-${month.slice(5, 7)}-01` };
  const list = useQuery(trpc.schedules.companyDaysOff.queryOptions(range));
  const add = useMutation(trpc.schedules.setCompanyDaysOff.mutationOptions());
  const remove = useMutation(trpc.schedules.removeCompanyDayOff.mutationOptions());
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.schedules.companyDaysOff.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.schedules.forUser.pathKey() })]);
  const err = peopleError(add.error ?? remove.error ?? list.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ days: [{ date, name: name.trim() }] }, { onSuccess: () => { setDate(''); setName(''); void refresh(); } });
  };
  const yearEndName = t('schedules.calendar.yearEndName');
  return (
    <Card title={t('schedules.calendar.title')}>
      <p className="tw-muted">{t('schedules.calendar.hint')}</p>
      <p className="tw-muted">{t('schedules.calendar.period', range)}</p>
      {err.message ? <Alert>{err.message}</Alert> : null}
      {(list.data ?? []).length === 0 ? (
        <p className="tw-muted">{t('schedules.calendar.empty')}</p>
      ) : (
        <ul data-testid="company-days-off" style={{ listStyle: 'none', padding: 0, display: 'flex', flexDirection: 'column', gap: 4 }}>
          {(list.data ?? []).map((d) => (
            <li key={d.date} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
              <span>{d.date}</span>
              <span>{d.name}</span>
              {canEdit ? (
                <Button variant="link" disabled={remove.isPending} onClick={() => remove.mutate({ date: d.date }, { onSuccess: () => void refresh() })} aria-label={`${t('schedules.calendar.remove')} ${d.date}`}>
                  {t('schedules.calendar.remove')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <>
          <form className="tw-form" onSubmit={submit} noValidate style={{ maxWidth: 'none' }}>
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end' }}>
              <Field label={t('schedules.calendar.date')} htmlFor="cd-date" error={err.fields['days.0.date'] ?? err.fields.date}>
                <TextInput id="cd-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
              </Field>
              <Field label={t('schedules.calendar.name')} htmlFor="cd-name" error={err.fields['days.0.name'] ?? err.fields.name}>
                <TextInput id="cd-name" value={name} placeholder={t('schedules.calendar.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
              </Field>
              <Button type="submit" disabled={add.isPending || !date || !name.trim()}>
                {t('schedules.calendar.add')}
              </Button>
            </div>
          </form>
          <div style={{ marginTop: 8 }}>
            <Button variant="secondary" disabled={add.isPending} onClick={() => add.mutate({ days: yearEndDaysOff(year).map((d) => ({ date: d, name: yearEndName })) }, { onSuccess: () => void refresh() })}>
              {t('schedules.calendar.yearEnd', { year, next: year + 1 })}
            </Button>
          </div>
        </>
      ) : (
        <p className="tw-muted">{t('schedules.calendar.adminOnly')}</p>
      )}
    </Card>
  );
}
