import type { Column } from '../exports';
import type { ReportLanguage } from '../analytics/report-tables';
import type { listIncidents } from './incidents';
import { INCIDENT_KIND_LABEL, INCIDENT_STATUS_LABEL, INCIDENT_VERDICT_LABEL } from './incident-labels';
import { incidentUrl } from '../incident-alerts/mail-text';

type IncidentRow = Awaited<ReturnType<typeof listIncidents>>['items'][number];

const H = {
  ja: { at: '発生日時', loginId: 'ユーザID', name: '氏名', kind: '種類', faces: '検出された顔の数', similarity: '類似度', pc: 'PC', evidence: '証跡画像の枚数', status: '状態', verdict: '判定結果', link: 'コンソールのリンク' },
  en: { at: 'Occurred', loginId: 'User ID', name: 'Name', kind: 'Kind', faces: 'Faces detected', similarity: 'Similarity', pc: 'PC', evidence: 'Evidence images', status: 'Status', verdict: 'Verdict', link: 'Console link' },
} as const;

const NOT_JUDGED = { ja: '未判定', en: 'Not judged' } as const;

/** The incident list as an exportable table: JST times, words for kinds, states and verdicts, never images. */
export function incidentColumns(lang: ReportLanguage): Column<IncidentRow>[] {
  const h = H[lang];
  return [
    { header: h.at, value: (r) => r.occurredAt, width: 20 },
    { header: h.loginId, value: (r) => r.user.loginId, width: 14 },
    { header: h.name, value: (r) => r.user.name, width: 18 },
    { header: h.kind, value: (r) => INCIDENT_KIND_LABEL[lang][r.kind], width: 22 },
    { header: h.faces, value: (r) => r.faceCount, width: 10 },
    { header: h.similarity, value: (r) => (r.similarity === null ? null : Math.round(r.similarity * 1000) / 1000), width: 10 },
    { header: h.pc, value: (r) => r.device.name, width: 14 },
    { header: h.evidence, value: (r) => r.evidenceCount, width: 10 },
    { header: h.status, value: (r) => INCIDENT_STATUS_LABEL[lang][r.status], width: 10 },
    { header: h.verdict, value: (r) => (r.verdict ? INCIDENT_VERDICT_LABEL[lang][r.verdict] : NOT_JUDGED[lang]), width: 16 },
    { header: h.link, value: (r) => incidentUrl(r.id), width: 40 },
  ];
}
