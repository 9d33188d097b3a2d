'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, CorrectionSummary, DataTable, Dialog, Field, PrivacyStatusBadge, Select, TextArea, dialogButtons, useLanguage, useOperationsError, useT, type DataColumn } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { useTenants } from './tenant-names';
import type { PrivacyRequestRow } from './types';

type Decision = 'ACCEPT' | 'REJECT' | 'COMPLETE';
const STATUSES = ['RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED'] as const;

/** A disclosure's details start with its export format ("format:csv"); the rest is the administrator's text. */
function splitDetails(r: PrivacyRequestRow): { format: string | null; text: string } {
  const details = r.details ?? '';
  if (r.kind !== 'DISCLOSE') return { format: null, text: details };
  const m = /^format:(json|csv)\n?/.exec(details);
  return { format: m?.[1]?.toUpperCase() ?? null, text: m ? details.slice(m[0].length) : details };
}

export function PrivacyScreen() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const opsError = useOperationsError();
  const tenants = useTenants();
  const list = useQuery(trpc.operator.privacy.list.queryOptions());
  const decide = useMutation(trpc.operator.privacy.decide.mutationOptions());
  const [status, setStatus] = useState<(typeof STATUSES)[number] | ''>('');
  const [deciding, setDeciding] = useState<{ request: PrivacyRequestRow; decision: Decision } | null>(null);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const rows = (list.data ?? []).filter((r) => !status || r.status === status);
  const close = () => {
    decide.reset();
    setDeciding(null);
    setNote('');
  };

  const actions = (r: PrivacyRequestRow) => {
    const button = (decision: Decision, variant: 'link' = 'link') => (
      <Button key={decision} variant={variant} onClick={() => setDeciding({ request: r, decision })} data-testid={`${decision.toLowerCase()}-${r.id}`}>
        {t(`ops.privacy.decision.${decision}`)}
      </Button>
    );
    if (r.status === 'RECEIVED') return [button('ACCEPT'), button('REJECT')];
    if (r.status === 'IN_PROGRESS' && r.kind === 'CORRECT') return [button('COMPLETE')];
    if (r.status === 'IN_PROGRESS') return <span className="tw-muted">{t('ops.privacy.runsAutomatically')}</span>;
    return null;
  };
  const columns: DataColumn<PrivacyRequestRow>[] = [
    { key: 'created', header: t('ops.privacy.requestedAt'), cell: (r) => formatJst(r.createdAt, lang) },
    { key: 'tenant', header: t('ops.tenant'), cell: (r) => tenants.label(r.tenantId) },
    { key: 'kind', header: t('ops.privacy.kind'), cell: (r) => t(`ops.privacy.kind.${r.kind}`) },
    { key: 'subject', header: t('ops.privacy.subject'), cell: (r) => (r.subjectUserId ? r.subjectDescription : t('ops.privacy.deletedPerson')) },
    {
      key: 'details',
      header: t('ops.privacy.details'),
      cell: (r) => {
        const d = splitDetails(r);
        return (
          <span style={{ whiteSpace: 'pre-wrap' }}>
            {d.format ? `${t('ops.privacy.format')}: ${d.format}\n` : ''}
            {d.text || (d.format ? '' : '—')}
          </span>
        );
      },
    },
    { key: 'correction', header: t('ops.privacy.correction'), cell: (r) => <CorrectionSummary correction={r.correction} /> },
    { key: 'status', header: t('ops.privacy.status'), cell: (r) => <PrivacyStatusBadge status={r.status} /> },
    { key: 'completed', header: t('ops.privacy.completedAt'), cell: (r) => (r.completedAt ? formatJst(r.completedAt, lang) : '—') },
    { key: 'actions', header: t('ops.actions'), cell: (r) => <span style={{ display: 'flex', gap: 4 }}>{actions(r)}</span> },
  ];

  const target = deciding?.request;
  return (
    <>
      <h1>{t('ops.privacy.operatorTitle')}</h1>
      <p className="tw-muted">{t('ops.privacy.operatorIntro')}</p>
      {done ? <Alert tone="success">{done}</Alert> : null}
      <Card
        actions={
          <Select aria-label={t('ops.privacy.status')} value={status} onChange={(e) => setStatus(STATUSES.find((s) => s === e.target.value) ?? '')} style={{ width: 'auto' }}>
            <option value="">{t('ops.privacy.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`ops.privacy.status.${s}`)}
              </option>
            ))}
          </Select>
        }
      >
        {list.error ? <Alert>{opsError(list.error).message}</Alert> : null}
        <DataTable columns={columns} rows={rows} rowKey={(r) => r.id} empty={list.isLoading ? t('common.loading') : t('ops.privacy.none')} />
      </Card>
      {deciding && target ? (
        <Dialog title={t(`ops.privacy.decision.${deciding.decision}`)} onClose={close}>
          <p>{t(`ops.privacy.decisionConfirm.${deciding.decision}`, { kind: t(`ops.privacy.kind.${target.kind}`), name: target.subjectDescription, tenant: tenants.label(target.tenantId) })}</p>
          {deciding.decision === 'COMPLETE' ? (
            <div style={{ marginBottom: '0.9rem' }}>
              <CorrectionSummary correction={target.correction} />
            </div>
          ) : null}
          {decide.error ? <Alert>{opsError(decide.error).message}</Alert> : null}
          <Field label={t('ops.privacy.note')} htmlFor="pd-note" hint={t('ops.privacy.noteHint')}>
            <TextArea id="pd-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <div style={dialogButtons}>
            <Button variant="secondary" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              variant={deciding.decision === 'REJECT' ? 'danger' : 'primary'}
              disabled={decide.isPending}
              data-testid="confirm"
              onClick={() =>
                decide.mutate(
                  { tenantId: target.tenantId, requestId: target.id, decision: deciding.decision, note: note.trim() || null },
                  {
                    onSuccess: (r) => {
                      setDone(r.corrected.length > 0 ? t('ops.privacy.correctedDone', { count: r.corrected.length }) : t(`ops.privacy.decided.${deciding.decision}`));
                      close();
                      void queryClient.invalidateQueries({ queryKey: trpc.operator.privacy.pathKey() });
                    },
                  },
                )
              }
            >
              {t(`ops.privacy.decision.${deciding.decision}`)}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
