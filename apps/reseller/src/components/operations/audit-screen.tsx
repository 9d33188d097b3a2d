'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, AuditExportButtons, Button, Card, DataTable, Field, Select, TextInput, useLanguage, useOperationsError, useT, type DataColumn } from '@telework/ui';
import { formatJst, hasMessage, parseJstInput } from '@telework/ui/i18n';
import { AUDIT_TARGET_TYPES } from '@telework/api/audit-actions';
import { useTRPC } from '@/trpc/client';
import { useTenants } from './tenant-names';
import type { AuditRow } from './types';

const PAGE = 50;
const DAY_MS = 24 * 60 * 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Filter {
  action: string;
  tenantId: string;
  actorId: string;
  targetType: string;
  from: string;
  to: string;
}
const none: Filter = { action: '', tenantId: '', actorId: '', targetType: '', from: '', to: '' };

/** The provider's audit log: operators' and reseller staff's actions and refused requests, newest first. */
export function AuditScreen() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const opsError = useOperationsError();
  const tenants = useTenants();
  const [draft, setDraft] = useState<Filter>(none);
  const [applied, setApplied] = useState<Filter>(none);
  const [bad, setBad] = useState<Record<string, string>>({});
  // The cursors of the pages before this one: going back pops one.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const from = applied.from ? parseJstInput(applied.from) : null;
  const toDay = applied.to ? parseJstInput(applied.to) : null;
  const targetType = AUDIT_TARGET_TYPES.find((type) => type === applied.targetType);
  const filter = {
    ...(applied.action.trim() ? { action: applied.action.trim() } : {}),
    ...(applied.tenantId ? { tenantId: applied.tenantId } : {}),
    ...(applied.actorId.trim() ? { actorId: applied.actorId.trim() } : {}),
    ...(targetType ? { targetType } : {}),
    ...(from ? { from } : {}),
    // "To" is a whole Tokyo day, inclusive: the API's bound is exclusive.
    ...(toDay ? { to: new Date(toDay.getTime() + DAY_MS) } : {}),
  };
  const queryClient = useQueryClient();
  const exportFile = (format: 'csv' | 'csv-sjis') => queryClient.fetchQuery({ ...trpc.operator.audit.export.queryOptions({ ...filter, format, lang }), staleTime: 0 });
  const page = useQuery(
    trpc.operator.audit.list.queryOptions({
      limit: PAGE,
      ...filter,
      ...(cursor ? { cursor } : {}),
    }),
  );

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (draft.from && !parseJstInput(draft.from)) errors.from = t('error.field.invalid');
    if (draft.to && !parseJstInput(draft.to)) errors.to = t('error.field.invalid');
    if (draft.actorId.trim() && !UUID.test(draft.actorId.trim())) errors.actorId = t('ops.audit.actorIdInvalid');
    setBad(errors);
    if (Object.keys(errors).length > 0) return;
    setApplied(draft);
    setCursors([]);
  };
  const columns: DataColumn<AuditRow>[] = [
    { key: 'time', header: t('ops.audit.time'), cell: (r) => formatJst(r.createdAt, lang) },
    {
      key: 'action',
      header: t('ops.audit.action'),
      cell: (r) => {
        const key = `audit.action.${r.action}`;
        return hasMessage(key) ? t(key) : <code>{r.action}</code>;
      },
    },
    { key: 'actor', header: t('ops.audit.actor'), cell: (r) => `${t(`ops.audit.actorKind.${r.actorKind}`)}${r.actorName ? ` ${r.actorName}` : ''}` },
    { key: 'tenant', header: t('ops.tenant'), cell: (r) => tenants.label(r.tenantId) },
    {
      key: 'target',
      header: t('ops.audit.target'),
      cell: (r) => {
        if (!r.targetType) return '—';
        const key = `audit.targetType.${r.targetType}`;
        return <span title={r.targetId ?? undefined}>{hasMessage(key) ? t(key) : r.targetType}</span>;
      },
    },
    { key: 'ip', header: t('ops.audit.ip'), cell: (r) => r.ip ?? '—' },
    // In words, from the API's one catalogue (packages/api/src/audit/details.ts), as in the CSV.
    { key: 'details', header: t('ops.audit.details'), cell: (r) => <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{r.detailsText[lang] || '—'}</span> },
  ];
  const items = page.data?.items ?? [];
  const nextCursor = page.data?.nextCursor ?? null;
  return (
    <>
      <h1>{t('ops.audit.title')}</h1>
      <p className="tw-muted">{t('ops.audit.intro')}</p>
      <Card>
        <form className="tw-toolbar" onSubmit={apply} noValidate>
          <Field label={t('ops.audit.action')} htmlFor="au-action" hint={t('ops.audit.actionHint')}>
            <TextInput id="au-action" value={draft.action} placeholder="notice.*" onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
          </Field>
          <Field label={t('ops.tenant')} htmlFor="au-tenant">
            <Select id="au-tenant" value={draft.tenantId} onChange={(e) => setDraft({ ...draft, tenantId: e.target.value })}>
              <option value="">{t('ops.allTenants')}</option>
              {tenants.rows.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}（{x.systemId}）
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('ops.audit.actorId')} htmlFor="au-actor" error={bad.actorId}>
            <TextInput id="au-actor" value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value })} />
          </Field>
          <Field label={t('ops.audit.target')} htmlFor="au-target">
            <Select id="au-target" value={draft.targetType} onChange={(e) => setDraft({ ...draft, targetType: e.target.value })}>
              <option value="">{t('audit.allTargets')}</option>
              {AUDIT_TARGET_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`audit.targetType.${type}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('ops.audit.from')} htmlFor="au-from" error={bad.from}>
            <TextInput id="au-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </Field>
          <Field label={t('ops.audit.to')} htmlFor="au-to" error={bad.to}>
            <TextInput id="au-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </Field>
          <Button type="submit">{t('ops.audit.apply')}</Button>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setDraft(none);
              setApplied(none);
              setBad({});
              setCursors([]);
            }}
          >
            {t('ops.audit.reset')}
          </Button>
        </form>
        <AuditExportButtons fetchFile={exportFile} errorText={(e) => opsError(e).message} />
        {page.error ? <Alert>{opsError(page.error).message}</Alert> : null}
        <DataTable columns={columns} rows={items} rowKey={(r) => r.id} empty={page.isLoading ? t('common.loading') : t('ops.audit.none')} />
        <div style={{ display: 'flex', gap: 8, justifyContent: 'space-between', alignItems: 'center', marginTop: 12 }}>
          <span className="tw-muted" data-testid="audit-page">
            {t('ops.audit.page', { page: cursors.length + 1 })}
          </span>
          <span style={{ display: 'flex', gap: 8 }}>
            <Button variant="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
              {t('ops.audit.previous')}
            </Button>
            <Button variant="secondary" disabled={!nextCursor} onClick={() => nextCursor && setCursors([...cursors, nextCursor])}>
              {t('ops.audit.next')}
            </Button>
          </span>
        </div>
      </Card>
    </>
  );
}
