'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Alert, AuditExportButtons, Button, Card, DataTable, Field, Select, TextInput, useLanguage, useT, type DataColumn } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';
import { useTRPC } from '@/trpc/client';
import { useErrorText } from '@/components/use-error-text';
import { AUDIT_TARGET_TYPES } from '@telework/api/audit-actions';
import { AUDIT_ACTIONS, auditActionLabel, auditTargetLabel } from './audit-actions';
import { Pager, useCursorPages } from './cursor-pages';
import { jstDayRange } from './jst-day';
import { UserSelect } from './user-select';
import { useUrlFilters } from './use-url-filters';

type AuditRow = inferRouterOutputs<ConsoleRouter>['audit']['list']['items'][number];

const FILTERS = ['action', 'actorId', 'targetType', 'from', 'to'] as const;
const PAGE_SIZE = 50;

/** Administrators: the organisation's audit log, newest first, in Tokyo time. */
export function AuditView() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const [filters, setFilters, clearFilters] = useUrlFilters(FILTERS);
  const range = jstDayRange(filters.from, filters.to);
  const pages = useCursorPages(JSON.stringify(filters));
  const input = {
    action: AUDIT_ACTIONS.some((a) => a.filter === filters.action) ? filters.action : undefined,
    actorId: filters.actorId || undefined,
    targetType: AUDIT_TARGET_TYPES.find((type) => type === filters.targetType),
    from: range.from,
    to: range.to,
    cursor: pages.cursor,
    limit: PAGE_SIZE,
  };
  const log = useQuery({ ...trpc.audit.list.queryOptions(input), enabled: !range.invalid });
  const queryClient = useQueryClient();
  const exportFile = (format: 'csv' | 'csv-sjis') => {
    const { action, actorId, targetType, from, to } = input;
    return queryClient.fetchQuery({ ...trpc.audit.export.queryOptions({ action, actorId, targetType, from, to, format, lang }), staleTime: 0 });
  };

  const actor = (r: AuditRow) => {
    if (r.actorKind === 'USER') return r.actorName ?? t('audit.actor.unknown');
    return t(`audit.actor.${r.actorKind}`);
  };
  // The details in words, rendered by the API's one catalogue (packages/api/src/audit/details.ts).
  const details = (r: AuditRow) => r.detailsText[lang] || '—';

  const targetLabel = (type: string) => {
    const label = auditTargetLabel(type);
    return label ? t(label) : type;
  };
  const columns: DataColumn<AuditRow>[] = [
    { key: 'at', header: t('audit.at'), cell: (r) => formatJst(r.createdAt, lang) },
    { key: 'actor', header: t('audit.actor'), cell: actor },
    {
      key: 'action',
      header: t('audit.action'),
      cell: (r) => {
        const label = auditActionLabel(r.action);
        return (
          <span data-testid="audit-action" data-action={r.action}>
            {label ? t(label) : r.action}
            {label ? <span className="tw-muted" style={{ display: 'block', fontSize: '0.8rem' }}>{r.action}</span> : null}
          </span>
        );
      },
    },
    {
      key: 'target',
      header: t('audit.target'),
      cell: (r) =>
        r.targetType === 'Incident' && r.targetId ? (
          <Link href={`/incidents/${r.targetId}`}>{t('nav.incidents')}</Link>
        ) : r.targetType ? (
          <span title={r.targetId ?? undefined}>{r.targetName ? `${targetLabel(r.targetType)}: ${r.targetName}` : targetLabel(r.targetType)}</span>
        ) : (
          '—'
        ),
    },
    { key: 'details', header: t('audit.details'), cell: (r) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{details(r)}</span> },
    { key: 'ip', header: t('audit.ip'), cell: (r) => r.ip ?? '—' },
  ];

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <Card>
        <p className="tw-muted">{t('audit.intro')}</p>
        <div className="tw-toolbar">
          <Field label={t('audit.action')} htmlFor="a-action">
            <Select id="a-action" value={input.action ?? ''} onChange={(e) => setFilters({ action: e.target.value })}>
              <option value="">{t('audit.allActions')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a.filter} value={a.filter}>
                  {t(a.label)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('audit.target')} htmlFor="a-target">
            <Select id="a-target" value={input.targetType ?? ''} onChange={(e) => setFilters({ targetType: e.target.value })}>
              <option value="">{t('audit.allTargets')}</option>
              {AUDIT_TARGET_TYPES.map((type) => (
                <option key={type} value={type}>
                  {targetLabel(type)}
                </option>
              ))}
            </Select>
          </Field>
          <UserSelect id="a-actor" label={t('audit.actor')} allLabel={t('audit.allActors')} value={filters.actorId} onChange={(actorId) => setFilters({ actorId })} />
          <Field label={t('evidence.from')} htmlFor="a-from">
            <TextInput id="a-from" type="date" value={filters.from} onChange={(e) => setFilters({ from: e.target.value })} />
          </Field>
          <Field label={t('evidence.to')} htmlFor="a-to" error={range.invalid ? t('evidence.rangeInvalid') : null}>
            <TextInput id="a-to" type="date" value={filters.to} onChange={(e) => setFilters({ to: e.target.value })} />
          </Field>
          <Button variant="link" onClick={clearFilters}>
            {t('evidence.clearFilters')}
          </Button>
        </div>
        {range.invalid ? null : <AuditExportButtons fetchFile={exportFile} errorText={(e) => errorText(e).message} />}
        {log.error ? <Alert>{errorText(log.error).message}</Alert> : null}
        <DataTable columns={columns} rows={log.data?.items ?? []} rowKey={(r) => r.id} empty={log.isLoading ? t('common.loading') : t('audit.empty')} />
        <Pager page={pages.page} nextCursor={log.data?.nextCursor} onPrev={pages.prev} onNext={pages.next} />
      </Card>
    </>
  );
}
