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

  const meaning = (p: Problem) => (p.kind === 'ROWS_MISSING' ? t('integrity.meaning.ROWS_MISSING', { after: p.afterSeq, next: p.nextSeq }) : t(`integrity.meaning.${p.kind}`));

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
            {r.ok ? (
              <Alert tone="success">{t('integrity.ok')}</Alert>
            ) : (
              <>
                <Alert>{t('integrity.problems', { count: r.problems.length })}</Alert>
                <DataTable
                  rows={r.problems}
                  rowKey={(p) => (p.kind === 'ROWS_MISSING' ? `${p.kind}-${p.afterSeq}` : `${p.kind}-${p.evidenceId}`)}
                  empty={t('common.none')}
                  columns={[
                    { key: 'kind', header: t('integrity.problem'), cell: (p) => <span className="tw-badge tw-state-INCIDENT" data-testid="integrity-problem">{t(`integrity.kind.${p.kind}`)}</span> },
                    { key: 'seq', header: t('integrity.record'), cell: (p) => (p.kind === 'ROWS_MISSING' ? t('integrity.seqRange', { after: p.afterSeq, next: p.nextSeq }) : p.chainSeq) },
                    { key: 'id', header: t('integrity.evidenceId'), cell: (p) => (p.kind === 'ROWS_MISSING' ? '—' : <code>{p.evidenceId}</code>) },
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
