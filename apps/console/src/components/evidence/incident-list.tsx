'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Alert, Button, Card, DataTable, Field, Select, TextInput, useLanguage, useT, type DataColumn } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';
import { useTRPC } from '@/trpc/client';
import { useMe } from '@/components/console-shell';
import { GroupFilter } from '@/components/group-filter';
import { useErrorText } from '@/components/use-error-text';
import { Pager, useCursorPages } from './cursor-pages';
import { jstDayRange } from './jst-day';
import { UserSelect } from './user-select';
import { IncidentStatusBadge } from './incident-status-badge';
import { IncidentAlertSettings } from './incident-alert-settings';
import { useUrlFilters } from './use-url-filters';

type IncidentRow = inferRouterOutputs<ConsoleRouter>['evidence']['incidents']['items'][number];

export const INCIDENT_KINDS = ['PEEKING', 'IMPERSONATION', 'SPOOF', 'COVERED_CAMERA'] as const;
const STATUSES = ['OPEN', 'JUDGED'] as const;
const FILTERS = ['kind', 'userId', 'groupId', 'from', 'to', 'status'] as const;
const PAGE_SIZE = 25;

const pick = <T extends string>(values: readonly T[], v: string): T | undefined => values.find((x) => x === v);

/** The export link for the filters on screen: the same filters, days as Tokyo days (the API turns them into instants). */
function exportHref(filters: Record<(typeof FILTERS)[number], string>, format: 'csv' | 'csv-sjis' | 'xlsx', lang: string): string {
  const q = new URLSearchParams({ format, lang });
  for (const key of FILTERS) if (filters[key]) q.set(key, filters[key]);
  return `/api/export/incidents?${q.toString()}`;
}

/** The incident list (managers: their groups' workers only, enforced by the API) with filters and cursor pages. */
export function IncidentList() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const [filters, setFilters, clearFilters] = useUrlFilters(FILTERS);
  const range = jstDayRange(filters.from, filters.to);
  const pages = useCursorPages(JSON.stringify(filters));
  const input = {
    kind: pick(INCIDENT_KINDS, filters.kind),
    status: pick(STATUSES, filters.status),
    userId: filters.userId || undefined,
    groupId: filters.groupId || undefined,
    from: range.from,
    to: range.to,
    cursor: pages.cursor,
    limit: PAGE_SIZE,
  };
  const list = useQuery({ ...trpc.evidence.incidents.queryOptions(input), enabled: !range.invalid });
  const rows = list.data?.items ?? [];

  const columns: DataColumn<IncidentRow>[] = [
    { key: 'at', header: t('incidents.occurredAt'), cell: (i) => formatJst(i.occurredAt, lang) },
    { key: 'worker', header: t('incidents.worker'), cell: (i) => i.user.name },
    { key: 'kind', header: t('incidents.kind'), cell: (i) => t(`incident.kind.${i.kind}`) },
    { key: 'faces', header: t('incidents.faces'), cell: (i) => i.faceCount, align: 'right' },
    { key: 'evidence', header: t('incidents.evidence'), cell: (i) => (i.evidenceCount === 0 && i.captureMode === 'VERDICT_ONLY' ? t('incidents.verdictOnly') : t('incidents.evidenceCount', { count: i.evidenceCount })), align: 'right' },
    { key: 'status', header: t('incidents.status'), cell: (i) => <IncidentStatusBadge status={i.status} /> },
    { key: 'verdict', header: t('incidents.verdict'), cell: (i) => t(i.verdict ? `incident.verdict.${i.verdict}` : 'incident.verdict.none') },
    {
      key: 'open',
      header: '',
      cell: (i) => (
        <Link href={`/incidents/${i.id}`} data-testid={`incident-${i.id}`}>
          {t('incidents.open')}
        </Link>
      ),
    },
  ];

  return (
    <>
      <h1>{t('incidents.title')}</h1>
      <IncidentAlertSettings />
      <Card>
        {me.role === 'MANAGER' ? <Alert tone="info">{t('incidents.managerNote')}</Alert> : null}
        <div className="tw-toolbar">
          <Field label={t('incidents.kind')} htmlFor="f-kind">
            <Select id="f-kind" value={filters.kind} onChange={(e) => setFilters({ kind: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {INCIDENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`incident.kind.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
          <UserSelect id="f-worker" label={t('incidents.worker')} allLabel={t('common.all')} value={filters.userId} onChange={(userId) => setFilters({ userId })} />
          <GroupFilter id="f-group" label={t('incidents.group')} allLabel={t('common.all')} value={filters.groupId} onChange={(groupId) => setFilters({ groupId })} />
          <Field label={t('evidence.from')} htmlFor="f-from">
            <TextInput id="f-from" type="date" value={filters.from} onChange={(e) => setFilters({ from: e.target.value })} />
          </Field>
          <Field label={t('evidence.to')} htmlFor="f-to" error={range.invalid ? t('evidence.rangeInvalid') : null}>
            <TextInput id="f-to" type="date" value={filters.to} onChange={(e) => setFilters({ to: e.target.value })} />
          </Field>
          <Field label={t('incidents.status')} htmlFor="f-status">
            <Select id="f-status" value={filters.status} onChange={(e) => setFilters({ status: e.target.value })}>
              <option value="">{t('common.all')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`incident.status.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Button variant="link" onClick={clearFilters}>
            {t('evidence.clearFilters')}
          </Button>
        </div>
        {range.invalid ? null : (
          <div className="tw-toolbar">
            <span>{t('incidents.export')}:</span>
            {(['csv', 'csv-sjis', 'xlsx'] as const).map((format) => (
              <a key={format} href={exportHref(filters, format, lang)} data-testid={`incidents-export-${format}`} download>
                {t(format === 'csv' ? 'analytics.export.csv' : format === 'csv-sjis' ? 'analytics.export.sjis' : 'analytics.export.xlsx')}
              </a>
            ))}
          </div>
        )}
        {list.error ? <Alert>{errorText(list.error).message}</Alert> : null}
        <DataTable columns={columns} rows={rows} rowKey={(i) => i.id} empty={list.isLoading ? t('common.loading') : t('incidents.empty')} />
        <Pager page={pages.page} nextCursor={list.data?.nextCursor} onPrev={pages.prev} onNext={pages.next} />
      </Card>
    </>
  );
}
