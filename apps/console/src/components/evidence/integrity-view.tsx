'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, DataTable, useLanguage, useT } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';
import { useTRPC } from '@/trpc/client';
import { useErrorText } from '@/components/use-error-text';

type Report = inferRouterOutputs<ConsoleRouter>['evidence']['verify'];
type Problem = Report['problems'][number];
type CheckState = { status: 'idle' } | { status: 'running' } | { status: 'done'; report: Report } | { status: 'failed'; error: unknown };

/** Administrators: runs the tamper check of the evidence chain (evidence.verify) and says plainly what it found. */
export function IntegrityView() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [blobs, setBlobs] = useState(true);
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const running = check.status === 'running';
  const r = check.status === 'done' ? check.report : null;

  // Runs only when asked (walking every record and image is real work on a large tenant), fresh every time.
  const runCheck = async () => {
    setCheck({ status: 'running' });
    try {
      setCheck({ status: 'done', report: await queryClient.fetchQuery({ ...trpc.evidence.verify.queryOptions({ blobs }), staleTime: 0 }) });
    } catch (error) {
      setCheck({ status: 'failed', error });
    }
  };

  const meaning = (p: Problem) => {
    switch (p.kind) {
      case 'ROWS_MISSING':
        return t('integrity.meaning.ROWS_MISSING', { after: p.afterSeq, next: p.nextSeq });
      case 'TAIL_MISSING':
        return t('integrity.meaning.TAIL_MISSING', { after: p.afterSeq, head: p.headSeq });
      case 'HEAD_INVALID':
        return t('integrity.meaning.HEAD_INVALID', { reason: t(`integrity.headReason.${p.reason}`) });
      default:
        return t(`integrity.meaning.${p.kind}`);
    }
  };
  // Record number(s) the problem is about, and the evidence row when there is one.
  const record = (p: Problem) => {
    if (p.kind === 'ROWS_MISSING') return t('integrity.seqRange', { after: p.afterSeq, next: p.nextSeq });
    if (p.kind === 'TAIL_MISSING') return t('integrity.tailRange', { after: p.afterSeq, head: p.headSeq });
    return 'chainSeq' in p ? p.chainSeq : '—';
  };
  const evidenceOf = (p: Problem) => ('evidenceId' in p ? p.evidenceId : null);

  return (
    <>
      <h1>{t('integrity.title')}</h1>
      <Card>
        <p>{t('integrity.intro')}</p>
        <label style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 12 }}>
          <input type="checkbox" checked={blobs} onChange={(e) => setBlobs(e.target.checked)} />
          {t('integrity.withBlobs')}
        </label>
        <Button disabled={running} onClick={() => void runCheck()}>
          {running ? t('integrity.running') : t('integrity.run')}
        </Button>
      </Card>
      <Card>
        {check.status === 'failed' ? <Alert>{errorText(check.error).message}</Alert> : null}
        {check.status === 'idle' ? <p className="tw-muted">{t('integrity.notRun')}</p> : null}
        {running ? <p>{t('integrity.running')}</p> : null}
        {r ? (
          <div data-testid="integrity-result" data-ok={String(r.ok)}>
            <p className="tw-muted">{t('integrity.checked', { time: formatJst(r.checkedAt, lang), rows: r.checkedRows, blobs: r.checkedBlobs })}</p>
            {r.removedRows > 0 ? <p className="tw-muted" data-testid="integrity-removed">{t('integrity.removed', { count: r.removedRows })}</p> : null}
            {r.ok ? (
              <Alert tone="success">{t('integrity.ok')}</Alert>
            ) : (
              <>
                <Alert>{t('integrity.problems', { count: r.problems.length })}</Alert>
                <DataTable
                  rows={r.problems}
                  rowKey={(p) => `${p.kind}-${record(p)}-${evidenceOf(p) ?? ''}-${p.kind === 'HEAD_INVALID' ? p.reason : ''}`}
                  empty={t('common.none')}
                  columns={[
                    { key: 'kind', header: t('integrity.problem'), cell: (p) => <span className="tw-badge tw-state-INCIDENT" data-testid="integrity-problem">{t(`integrity.kind.${p.kind}`)}</span> },
                    { key: 'seq', header: t('integrity.record'), cell: record },
                    { key: 'id', header: t('integrity.evidenceId'), cell: (p) => { const id = evidenceOf(p); return id ? <code>{id}</code> : '—'; } },
                    { key: 'meaning', header: t('integrity.meaning'), cell: meaning },
                  ]}
                />
              </>
            )}
          </div>
        ) : null}
      </Card>
    </>
  );
}
