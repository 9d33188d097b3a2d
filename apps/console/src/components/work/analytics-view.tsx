'use client';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Alert, Card, DataTable, Field, Select, TextInput, useLanguage, useT } from '@telework/ui';
import { formatJst, formatMinutes } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { GroupFilter } from '@/components/group-filter';
import { useErrorText } from '@/components/use-error-text';
import { MinutesBar } from './minutes-bar';
import { periodRange, todayJst, type PeriodKind } from './periods';

const KINDS: PeriodKind[] = ['day', 'week', 'month', 'custom'];

export function AnalyticsView() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const params = useSearchParams();
  const [kind, setKind] = useState<PeriodKind>(KINDS.find((k) => k === params.get('period')) ?? 'month');
  const [ref, setRef] = useState(todayJst());
  const [custom, setCustom] = useState(() => periodRange('month', todayJst()));
  const [groupId, setGroupId] = useState(params.get('groupId') ?? '');
  const [userId, setUserId] = useState(params.get('userId') ?? '');
  const range = kind === 'custom' ? custom : periodRange(kind, ref);

  const users = useQuery(trpc.users.list.queryOptions());
  const report = useQuery(trpc.analytics.work.queryOptions({ ...range, groupId: groupId || null, userId: userId || null }));
  const data = report.data;
  const names = new Map((data?.workers ?? []).map((w) => [w.userId, w.name]));
  const maxWorked = Math.max(1, ...(data?.workers ?? []).map((w) => w.workedMinutes));
  const maxDay = Math.max(1, ...(data?.days ?? []).map((d) => d.workedMinutes));
  const maxTask = Math.max(1, ...(data?.tasks ?? []).map((x) => x.minutes));
  const exportHref = (format: 'csv' | 'csv-sjis' | 'xlsx', table: 'workers' | 'days' | 'tasks') => {
    const q = new URLSearchParams({ from: range.from, to: range.to, format, table, lang });
    if (groupId) q.set('groupId', groupId);
    if (userId) q.set('userId', userId);
    return `/api/export/work?${q.toString()}`;
  };
  const err = errorText(report.error);
  const table: 'workers' | 'days' = userId ? 'days' : 'workers';

  return (
    <>
      <h1>{t('analytics.title')}</h1>
      <Card>
        <div className="tw-toolbar">
          <Field label={t('analytics.period')} htmlFor="kind">
            <Select id="kind" value={kind} onChange={(e) => setKind(KINDS.find((k) => k === e.target.value) ?? 'month')}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`analytics.period.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
          {kind === 'custom' ? (
            <>
              <Field label={t('common.from')} htmlFor="from">
                <TextInput id="from" type="date" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
              </Field>
              <Field label={t('common.to')} htmlFor="to">
                <TextInput id="to" type="date" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
              </Field>
            </>
          ) : (
            <Field label={t('analytics.period')} htmlFor="ref">
              <TextInput id="ref" type="date" value={ref} onChange={(e) => setRef(e.target.value || todayJst())} />
            </Field>
          )}
          <GroupFilter id="group" label={t('board.group')} allLabel={t('common.all')} value={groupId} onChange={setGroupId} />
          <Field label={t('analytics.worker')} htmlFor="user">
            <Select id="user" value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">{t('analytics.allWorkers')}</option>
              {(users.data ?? []).filter((u) => u.role === 'WORKER').map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <p className="tw-muted">
          {range.from} 〜 {range.to}
        </p>
        {err.message ? <Alert>{err.message}</Alert> : null}
        <div className="tw-toolbar">
          <span>{t('analytics.export')}:</span>
          <a href={exportHref('csv', table)} data-testid="export-csv" download>
            {t('analytics.export.csv')}
          </a>
          <a href={exportHref('csv-sjis', table)} data-testid="export-sjis" download>
            {t('analytics.export.sjis')}
          </a>
          <a href={exportHref('xlsx', table)} data-testid="export-xlsx" download>
            {t('analytics.export.xlsx')}
          </a>
        </div>
      </Card>

      {data ? (
        <div className="tw-grid" style={{ marginBottom: '1rem' }}>
          {(
            [
              ['analytics.worked', formatMinutes(data.group.workedMinutes)],
              ['analytics.present', formatMinutes(data.group.presentMinutes)],
              ['analytics.away', formatMinutes(data.group.awayMinutes)],
              ['analytics.overtime', formatMinutes(data.group.overtimeMinutes)],
              ['analytics.incidents', String(data.group.incidents)],
            ] as const
          ).map(([label, value]) => (
            <div key={label} className="tw-stat">
              <div className="tw-stat-label">{t(label)}</div>
              <div className="tw-stat-value" data-testid={`total-${label}`}>
                {value}
              </div>
            </div>
          ))}
        </div>
      ) : null}

      <Card title={t('analytics.perWorker')}>
        <DataTable
          rows={data?.workers ?? []}
          rowKey={(r) => r.userId}
          empty={report.isLoading ? t('common.loading') : t('common.none')}
          columns={[
            { key: 'name', header: t('analytics.worker'), cell: (r) => r.name },
            { key: 'bar', header: t('analytics.worked'), cell: (r) => <MinutesBar value={r.workedMinutes} max={maxWorked} /> },
            { key: 'worked', header: '', cell: (r) => formatMinutes(r.workedMinutes), align: 'right' },
            { key: 'present', header: t('analytics.present'), cell: (r) => formatMinutes(r.presentMinutes), align: 'right' },
            { key: 'away', header: t('analytics.away'), cell: (r) => formatMinutes(r.awayMinutes), align: 'right' },
            { key: 'planned', header: t('analytics.planned'), cell: (r) => formatMinutes(r.plannedMinutes), align: 'right' },
            { key: 'overtime', header: t('analytics.overtime'), cell: (r) => formatMinutes(r.overtimeMinutes), align: 'right' },
            { key: 'late', header: t('analytics.late'), cell: (r) => r.lateStartDays, align: 'right' },
            { key: 'early', header: t('analytics.earlyEnd'), cell: (r) => r.earlyEndDays, align: 'right' },
            { key: 'absent', header: t('analytics.absent'), cell: (r) => r.absentDays, align: 'right' },
            { key: 'incidents', header: t('analytics.incidents'), cell: (r) => r.incidents, align: 'right' },
            { key: 'forgotten', header: t('analytics.forgotten'), cell: (r) => r.forgottenEnds, align: 'right' },
          ]}
        />
      </Card>

      <Card title={t('analytics.daily')}>
        <DataTable
          rows={(data?.days ?? []).filter((d) => d.workedMinutes > 0 || d.schedule)}
          rowKey={(r) => `${r.workerId}|${r.date}`}
          empty={report.isLoading ? t('common.loading') : t('common.none')}
          columns={[
            { key: 'date', header: t('analytics.date'), cell: (r) => (r.corrected ? <span title={t('analytics.correctedMark')}>{r.date} ※</span> : r.date) },
            { key: 'name', header: t('analytics.worker'), cell: (r) => names.get(r.workerId) ?? '' },
            { key: 'start', header: t('analytics.start'), cell: (r) => (r.firstStartAt ? formatJst(r.firstStartAt, lang) : '—') },
            { key: 'end', header: t('analytics.end'), cell: (r) => (r.lastEndAt ? formatJst(r.lastEndAt, lang) : '—') },
            { key: 'bar', header: t('analytics.chart'), cell: (r) => <MinutesBar value={r.workedMinutes} max={maxDay} /> },
            { key: 'worked', header: t('analytics.worked'), cell: (r) => formatMinutes(r.workedMinutes), align: 'right' },
            { key: 'away', header: t('analytics.away'), cell: (r) => formatMinutes(r.awayMinutes), align: 'right' },
            { key: 'late', header: t('analytics.late'), cell: (r) => (r.schedule?.lateStartMinutes ? formatMinutes(r.schedule.lateStartMinutes) : ''), align: 'right' },
            { key: 'early', header: t('analytics.earlyEnd'), cell: (r) => (r.schedule?.earlyEndMinutes ? formatMinutes(r.schedule.earlyEndMinutes) : ''), align: 'right' },
            { key: 'overtime', header: t('analytics.overtime'), cell: (r) => (r.schedule?.overtimeMinutes ? formatMinutes(r.schedule.overtimeMinutes) : ''), align: 'right' },
            { key: 'incidents', header: t('analytics.incidents'), cell: (r) => r.incidents || '', align: 'right' },
          ]}
        />
      </Card>

      <Card title={t('analytics.tasks')}>
        <DataTable
          rows={data?.tasks ?? []}
          rowKey={(r) => r.id}
          empty={report.isLoading ? t('common.loading') : t('common.none')}
          columns={[
            { key: 'task', header: t('analytics.task'), cell: (r) => `${r.code} ${r.name}` },
            { key: 'bar', header: t('analytics.time'), cell: (r) => <MinutesBar value={r.minutes} max={maxTask} tone="var(--tw-success)" /> },
            { key: 'minutes', header: '', cell: (r) => formatMinutes(r.minutes), align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
