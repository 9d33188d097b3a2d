'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, Field, Select, useLanguage, useT } from '@telework/ui';
import { formatMinutes } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { addMonths, monthDays, todayJst } from '@/components/people/calendar';
import { MonthCalendar } from '@/components/people/month-calendar';
import { DayEditor } from '@/components/people/day-editor';
import { PatternEditor } from '@/components/people/pattern-editor';
import { usePeopleError } from '@/components/people/use-people-error';
import { CompanyCalendarCard } from '@/components/people/company-calendar-card';
import { StandardPatternCard } from '@/components/people/standard-pattern-card';
import { BulkAssignCard } from '@/components/people/bulk-assign-card';
import { useMe } from '@/components/console-shell';
import { mayDo } from '@telework/api/console-pages';

export default function SchedulesPage() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const peopleError = usePeopleError();
  const today = todayJst();
  const users = useQuery(trpc.users.list.queryOptions());
  const [userId, setUserId] = useState('');
  const [month, setMonth] = useState(today.slice(0, 7));
  const [selected, setSelected] = useState<string | null>(null);
  const { days } = monthDays(month);
  const range = { from: days[0] ?? `${month}-01`, to: days[days.length - 1] ?? `${month}-28` };
  const people = (users.data ?? []).filter((u) => !u.disabledAt);
  const worker = userId || people.find((u) => u.role === 'WORKER')?.id || '';
  const plans = useQuery({ ...trpc.schedules.forUser.queryOptions({ ...range, userId: worker }), enabled: Boolean(worker) });
  const holidays = useQuery(trpc.schedules.holidays.queryOptions(range));
  const companyDaysOff = useQuery(trpc.schedules.companyDaysOff.queryOptions(range));
  const me = useMe();
  const setDay = useMutation(trpc.schedules.setDay.mutationOptions());
  const pattern = useQuery({ ...trpc.schedules.pattern.queryOptions({ userId: worker, on: today }), enabled: Boolean(worker) });
  const setPattern = useMutation(trpc.schedules.setPattern.mutationOptions());
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: trpc.schedules.forUser.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.schedules.pattern.pathKey() })]);

  const planByDate = new Map((plans.data ?? []).map((p) => [p.date, p]));
  const holidayByDate = new Map((holidays.data ?? []).map((h) => [h.date, lang === 'ja' ? h.nameJa : h.nameEn]));
  const companyDayByDate = new Map((companyDaysOff.data ?? []).map((d) => [d.date, d.name]));
  const working = (plans.data ?? []).filter((p) => !p.isDayOff);
  const plannedMinutes = working.reduce((sum, p) => sum + Math.max(0, p.endMinute - p.startMinute - p.breakMinutes), 0);
  const [y, m] = month.split('-').map(Number);
  const go = (n: number) => {
    setMonth(addMonths(month, n));
    setSelected(null);
  };

  return (
    <>
      <h1>{t('schedules.title')}</h1>
      <Card>
        <div className="tw-toolbar">
          <Field label={t('schedules.worker')} htmlFor="s-user">
            <Select
              id="s-user"
              value={worker}
              onChange={(e) => {
                setUserId(e.target.value);
                setSelected(null);
                setDay.reset();
                setPattern.reset();
              }}
            >
              {people.length === 0 ? <option value="">{t('schedules.pickWorker')}</option> : null}
              {people.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}（{u.loginId}）
                </option>
              ))}
            </Select>
          </Field>
          <div style={{ display: 'flex', gap: 6, alignItems: 'flex-end' }}>
            <Button variant="secondary" onClick={() => go(-1)} aria-label={t('schedules.prevMonth')}>
              ←
            </Button>
            <strong style={{ fontSize: '1.2rem', padding: '0 8px' }} data-testid="month-title">
              {t('schedules.month', { year: y ?? '', month: m ?? '' })}
            </strong>
            <Button variant="secondary" onClick={() => go(1)} aria-label={t('schedules.nextMonth')}>
              →
            </Button>
            <Button variant="link" onClick={() => { setMonth(today.slice(0, 7)); setSelected(null); }}>
              {t('schedules.thisMonth')}
            </Button>
          </div>
          <p className="tw-muted" style={{ alignSelf: 'flex-end' }}>
            {t('schedules.planned', { hours: formatMinutes(plannedMinutes), days: working.length })}
          </p>
        </div>
        {peopleError(plans.error ?? holidays.error ?? users.error).message ? <Alert>{peopleError(plans.error ?? holidays.error ?? users.error).message}</Alert> : null}
        {worker ? (
          <MonthCalendar month={month} plans={planByDate} holidays={holidayByDate} companyDaysOff={companyDayByDate} today={today} selected={selected} onSelect={(d) => { setSelected(d); setDay.reset(); }} />
        ) : (
          <p className="tw-muted">{t('schedules.pickWorker')}</p>
        )}
      </Card>
      {worker ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(340px, 1fr))', gap: 16, alignItems: 'start' }}>
          <Card title={selected ? t('schedules.day', { date: selected }) : t('schedules.dayTitle')}>
            {selected ? (
              <DayEditor
                key={`${worker}-${selected}`}
                date={selected}
                plan={planByDate.get(selected)}
                err={peopleError(setDay.error)}
                pending={setDay.isPending}
                onSave={(plan) => setDay.mutate({ userId: worker, date: selected, plan }, { onSuccess: () => void refresh() })}
                onClear={() => setDay.mutate({ userId: worker, date: selected, plan: null }, { onSuccess: () => void refresh() })}
              />
            ) : (
              <p className="tw-muted">{t('schedules.pickDay')}</p>
            )}
            {setDay.isSuccess ? <Alert tone="success">{t('common.saved')}</Alert> : null}
          </Card>
          <Card title={t('schedules.pattern')}>
            {pattern.isPending ? (
              <p className="tw-muted">{t('common.loading')}</p>
            ) : (
              <PatternEditor
                key={`${worker}-${pattern.data?.validFrom ?? 'none'}`}
                stored={pattern.data ?? null}
                defaultFrom={`${month}-01` < today ? today : `${month}-01`}
                err={peopleError(setPattern.error)}
                pending={setPattern.isPending}
                onSave={(p) => setPattern.mutate({ userId: worker, ...p }, { onSuccess: () => void refresh() })}
              />
            )}
            {setPattern.isSuccess ? <Alert tone="success">{t('common.saved')}</Alert> : null}
          </Card>
        </div>
      ) : null}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(340px, 1fr))', gap: 16, alignItems: 'start', marginTop: 16 }}>
        {mayDo(me.role, 'schedules.standardPatterns') ? <StandardPatternCard isAdmin={me.role === 'ADMIN'} today={today} /> : null}
        {mayDo(me.role, 'schedules.assign') ? <BulkAssignCard today={today} /> : null}
        <CompanyCalendarCard month={month} canEdit={mayDo(me.role, 'schedules.editCalendar')} />
      </div>
    </>
  );
}
