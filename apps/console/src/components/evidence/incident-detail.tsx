'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Alert, Card, DataTable, useLanguage, useT } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { useErrorText } from '@/components/use-error-text';
import { EvidenceImage } from './evidence-image';
import { IncidentStatusBadge } from './incident-status-badge';
import { JudgementForm } from './judgement-form';

const KINDS = ['CAMERA', 'SCREEN'] as const;

/** One incident: who, when, what; the webcam still and the screenshot side by side; judgement and its history. */
export function IncidentDetail({ incidentId }: { incidentId: string }) {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const incident = useQuery(trpc.evidence.incident.queryOptions({ incidentId }));
  const back = (
    <p>
      <Link href="/incidents">← {t('incident.back')}</Link>
    </p>
  );
  if (incident.error) {
    return (
      <>
        {back}
        <Alert>{errorText(incident.error).message}</Alert>
      </>
    );
  }
  const i = incident.data;
  if (!i) return <p>{t('common.loading')}</p>;

  const facts: [string, string][] = [
    [t('incident.worker'), i.user.name],
    [t('incident.kind'), t(`incident.kind.${i.kind}`)],
    [t('incident.occurredAt'), formatJst(i.occurredAt, lang)],
    [t('incident.receivedAt'), formatJst(i.receivedAt, lang)],
    [t('incident.device'), i.device.name],
    [t('incident.faceCount'), String(i.faceCount)],
    [t('incident.similarity'), i.similarity === null ? '—' : i.similarity.toFixed(2)],
  ];
  // The newest capture of each kind: the agent sends one still and one screenshot per incident.
  const latest = (kind: (typeof KINDS)[number]) => i.evidence.filter((e) => e.kind === kind).at(-1);

  return (
    <>
      {back}
      <h1>
        {t('incident.title')} <IncidentStatusBadge status={i.status} />
      </h1>
      <Card>
        <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0 }} data-testid="incident-facts">
          {facts.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt className="tw-muted">{k}</dt>
              <dd style={{ margin: 0 }}>{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t('incident.evidence')}>
        {i.evidence.length === 0 && i.captureMode === 'VERDICT_ONLY' ? (
          <p className="tw-muted" data-testid="no-image-by-choice">{t('incident.noImageByChoice')}</p>
        ) : i.evidence.length === 0 ? (
          <p className="tw-muted">{t('incident.noEvidence')}</p>
        ) : (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: 16, alignItems: 'start' }}>
            {KINDS.map((kind) => {
              const e = latest(kind);
              const label = t(kind === 'CAMERA' ? 'evidence.camera' : 'evidence.screen');
              return (
                <figure key={kind} style={{ margin: 0 }}>
                  <figcaption style={{ fontWeight: 600, marginBottom: 6 }}>
                    {label}
                    {e ? <span className="tw-muted" style={{ fontWeight: 400 }}>{` ${formatJst(e.capturedAt, lang)} · ${e.width}×${e.height}`}</span> : null}
                  </figcaption>
                  {e ? (
                    <EvidenceImage src={e.imageUrl} label={label} alt={t('evidence.imageAlt', { what: label, time: formatJst(e.capturedAt, lang) })} testId={`evidence-${kind}`} />
                  ) : (
                    <p className="tw-muted">{t('incident.noImage')}</p>
                  )}
                </figure>
              );
            })}
          </div>
        )}
      </Card>
      <Card title={t('incident.judge')}>
        <JudgementForm incidentId={i.id} />
      </Card>
      <Card title={t('incident.history')}>
        <DataTable
          rows={i.judgements}
          rowKey={(j) => j.id}
          empty={t('incident.historyEmpty')}
          columns={[
            { key: 'at', header: t('incident.judgedAt'), cell: (j) => formatJst(j.createdAt, lang) },
            { key: 'verdict', header: t('incident.verdict'), cell: (j) => <span data-testid="judgement-verdict">{t(`incident.verdict.${j.verdict}`)}</span> },
            { key: 'by', header: t('incident.judgedBy'), cell: (j) => j.judgedBy.name },
            { key: 'comment', header: t('incident.comment'), cell: (j) => <span style={{ whiteSpace: 'pre-wrap' }}>{j.comment ?? '—'}</span> },
          ]}
        />
      </Card>
    </>
  );
}
