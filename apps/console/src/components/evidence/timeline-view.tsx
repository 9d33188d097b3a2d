'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Alert, Button, Card, DataTable, Field, TextInput, useLanguage, useT } from '@telework/ui';
import { formatJst, formatMinutes } from '@telework/ui/i18n';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';
import { useTRPC } from '@/trpc/client';
import { useMe } from '@/components/console-shell';
import { mayDo } from '@telework/api/console-pages';
import { todayJst } from '@/components/people/calendar';
import { useErrorText } from '@/components/use-error-text';
import { EvidenceImage } from './evidence-image';
import { addDays, jstDayStart } from './jst-day';
import { UserSelect } from './user-select';
import { useUrlFilters } from './use-url-filters';

type Timeline = inferRouterOutputs<ConsoleRouter>['evidence']['timeline'];
type Capture = Timeline['evidence'][number];

interface Entry {
  key: string;
  at: Date;
  what: ReactNode;
  images: Capture[];
}

const FILTERS = ['userId', 'date'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function timeOfDay(d: Date, lang: 'ja' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
}

/** One day of a worker's records: work sessions, presence changes, incidents and the captured images. */
export function TimelineView() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const [filters, setFilters] = useUrlFilters(FILTERS);
  const canChoose = mayDo(me.role, 'timeline.chooseWorker');
  const date = DAY.test(filters.date) ? filters.date : todayJst();
  const userId = canChoose && filters.userId ? filters.userId : me.userId;
  const from = jstDayStart(date);
  const to = jstDayStart(addDays(date, 1));
  const timeline = useQuery(trpc.evidence.timeline.queryOptions({ userId, from, to }));
  const data = timeline.data;
  const entries = data ? buildEntries(data, { from, to }, t, lang, canChoose) : [];

  return (
    <>
      <h1>{t('timeline.title')}</h1>
      <Card>
        {!canChoose ? <Alert tone="info">{t('timeline.ownNote')}</Alert> : null}
        <div className="tw-toolbar">
          {canChoose ? <UserSelect id="tl-user" label={t('timeline.worker')} value={userId} onChange={(id) => setFilters({ userId: id })} /> : null}
          <Field label={t('timeline.date')} htmlFor="tl-date">
            <TextInput id="tl-date" type="date" value={date} max={todayJst()} onChange={(e) => setFilters({ date: e.target.value })} />
          </Field>
          <Button variant="secondary" onClick={() => setFilters({ date: addDays(date, -1) })}>
            {t('timeline.prevDay')}
          </Button>
          <Button variant="secondary" onClick={() => setFilters({ date: todayJst() })}>
            {t('timeline.today')}
          </Button>
          <Button variant="secondary" disabled={date >= todayJst()} onClick={() => setFilters({ date: addDays(date, 1) })}>
            {t('timeline.nextDay')}
          </Button>
        </div>
        {timeline.error ? <Alert>{errorText(timeline.error).message}</Alert> : null}
        {data ? (
          <>
            <h2 data-testid="timeline-heading">{t('timeline.heading', { name: data.user.name, date: formatJst(from, lang, false) })}</h2>
            <p className="tw-muted" data-testid="timeline-summary">
              {t('timeline.summary', { sessions: data.sessions.length, presence: data.presence.length, incidents: data.incidents.length, images: data.evidence.length })}
            </p>
          </>
        ) : null}
        {userId === me.userId ? <MonthSummary month={date.slice(0, 7)} /> : null}
        <DataTable
          rows={entries}
          rowKey={(e) => e.key}
          empty={timeline.isLoading ? t('common.loading') : t('timeline.empty')}
          columns={[
            { key: 'time', header: t('timeline.time'), cell: (e) => timeOfDay(e.at, lang) },
            { key: 'what', header: t('timeline.event'), cell: (e) => e.what },
            {
              key: 'images',
              header: t('timeline.images'),
              cell: (e) =>
                e.images.length ? (
                  <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                    {e.images.map((c) => {
                      const label = t(c.kind === 'CAMERA' ? 'evidence.camera' : 'evidence.screen');
                      return <EvidenceImage key={c.id} src={c.imageUrl} label={label} alt={t('evidence.imageAlt', { what: label, time: formatJst(c.capturedAt, lang) })} thumbWidth={160} lazy testId={`capture-${c.id}`} />;
                    })}
                  </div>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}

/**
 * Merges the day's records into one list in time order. Incident captures sit on their incident's
 * row; periodic captures taken at the same instant (a still and a screenshot) share one row.
 */
function buildEntries(data: Timeline, day: { from: Date; to: Date }, t: ReturnType<typeof useT>, lang: 'ja' | 'en', linkIncidents: boolean): Entry[] {
  const inDay = (d: Date) => d >= day.from && d < day.to;
  const entries: Entry[] = [];
  for (const s of data.sessions) {
    if (inDay(s.startedAt)) entries.push({ key: `start-${s.id}`, at: s.startedAt, what: t('timeline.workStart'), images: [] });
    // A session from the day before (night work, or a forgotten end) opens the day.
    else entries.push({ key: `start-${s.id}`, at: day.from, what: t('timeline.carriedOver', { time: formatJst(s.startedAt, lang) }), images: [] });
    if (s.endedAt && inDay(s.endedAt)) entries.push({ key: `end-${s.id}`, at: s.endedAt, what: t(s.flaggedForgotten ? 'timeline.workEndForgotten' : 'timeline.workEnd'), images: [] });
  }
  for (const k of data.tasks) {
    const names = { code: k.task.code, name: k.task.name };
    if (inDay(k.startedAt)) entries.push({ key: `task-start-${k.id}`, at: k.startedAt, what: t('timeline.taskStart', names), images: [] });
    else entries.push({ key: `task-start-${k.id}`, at: day.from, what: t('timeline.taskCarriedOver', { ...names, time: formatJst(k.startedAt, lang) }), images: [] });
    if (k.endedAt && inDay(k.endedAt)) entries.push({ key: `task-end-${k.id}`, at: k.endedAt, what: t('timeline.taskEnd', names), images: [] });
  }
  for (const p of data.presence) {
    entries.push({ key: `presence-${p.id}`, at: p.occurredAt, what: <span className={`tw-badge tw-state-${p.state}`}>{t(p.state === 'PRESENT' ? 'timeline.present' : 'timeline.away')}</span>, images: [] });
  }
  const byIncident = new Map<string, Capture[]>();
  const periodic = new Map<string, Capture[]>();
  for (const c of data.evidence) {
    if (c.incidentId && data.incidents.some((i) => i.id === c.incidentId)) byIncident.set(c.incidentId, [...(byIncident.get(c.incidentId) ?? []), c]);
    else {
      const key = `${c.trigger}-${c.capturedAt.toISOString()}`;
      periodic.set(key, [...(periodic.get(key) ?? []), c]);
    }
  }
  for (const i of data.incidents) {
    const label = t('timeline.incident', { kind: t(`incident.kind.${i.kind}`) });
    const images = byIncident.get(i.id) ?? [];
    const what = (
      <>
        <span className="tw-badge tw-state-INCIDENT" data-testid={`timeline-incident-${i.id}`}>
          {linkIncidents ? <Link href={`/incidents/${i.id}`}>{label}</Link> : label}
        </span>
        {/* Verdict-only mode: say why there is no picture rather than leave an empty slot. */}
        {i.captureMode === 'VERDICT_ONLY' && images.length === 0 ? <span className="tw-muted">{` ${t('timeline.verdictOnly', { faces: i.faceCount })}`}</span> : null}
      </>
    );
    entries.push({ key: `incident-${i.id}`, at: i.occurredAt, what, images });
  }
  for (const [key, captures] of periodic) {
    const first = captures[0];
    if (first) entries.push({ key: `capture-${key}`, at: first.capturedAt, what: t(`timeline.capture.${first.trigger}`), images: captures });
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The signed-in user's own figures for the month of the day shown (work.myMonth). */
function MonthSummary({ month }: { month: string }) {
  const t = useT();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const summary = useQuery(trpc.work.myMonth.queryOptions({ month }));
  if (summary.error) return <Alert>{errorText(summary.error).message}</Alert>;
  const s = summary.data?.totals;
  if (!s) return null;
  const items: [string, string][] = [
    [t('timeline.month.worked'), formatMinutes(s.workedMinutes)],
    [t('timeline.month.present'), formatMinutes(s.presentMinutes)],
    [t('timeline.month.away'), formatMinutes(s.awayMinutes)],
    [t('timeline.month.workDays'), t('timeline.month.days', { days: s.workDays })],
    [t('timeline.month.absentDays'), t('timeline.month.days', { days: s.absentDays })],
    [t('timeline.month.late'), t('timeline.month.daysMinutes', { days: s.lateStartDays, time: formatMinutes(s.lateStartMinutes) })],
    [t('timeline.month.early'), t('timeline.month.daysMinutes', { days: s.earlyEndDays, time: formatMinutes(s.earlyEndMinutes) })],
  ];
  return (
    <section data-testid="my-month">
      <h2>{t('timeline.month.title', { month })}</h2>
      <div className="tw-grid" style={{ marginBottom: '1rem' }}>
        {items.map(([label, value]) => (
          <div key={label} className="tw-stat">
            <div className="tw-stat-label">{label}</div>
            <div className="tw-stat-value">{value}</div>
          </div>
        ))}
      </div>
      <p className="tw-muted">{t('timeline.month.note')}</p>
    </section>
  );
}
