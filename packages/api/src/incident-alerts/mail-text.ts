import type { IncidentKind } from '@telework/db';
import { formatJstDateTime } from '../calendar/jst';
import { apiEnv } from '../env';
import { INCIDENT_KIND_LABEL, type Lang } from '../evidence/incident-labels';

// Incident alert mails. The mail names the incident and links to it in the console, where the
// recipient signs in and the usual scoping applies; it never carries the image or an image address,
// so a forwarded or misdirected mail shows nobody's camera picture.

export interface AlertIncident {
  id: string;
  kind: IncidentKind;
  occurredAt: Date;
  faceCount: number;
  worker: { name: string; loginId: string };
  deviceName: string;
}

export const incidentUrl = (incidentId: string) => `${apiEnv.CONSOLE_BASE_URL.replace(/\/$/, '')}/incidents/${incidentId}`;

const TEXT = {
  ja: {
    subject: (i: AlertIncident) => `【Telework Supporter】インシデント: ${INCIDENT_KIND_LABEL.ja[i.kind]}（${i.worker.name}）`,
    greeting: (name: string) => `${name} 様`,
    intro: (i: AlertIncident) => `${i.worker.name}（${i.worker.loginId}）さんのPCでインシデントが記録されました。`,
    kind: (i: AlertIncident) => `種類: ${INCIDENT_KIND_LABEL.ja[i.kind]}（検出された顔の数: ${i.faceCount}）`,
    at: (i: AlertIncident) => `発生日時: ${formatJstDateTime(i.occurredAt)}（日本時間）`,
    device: (i: AlertIncident) => `PC: ${i.deviceName}`,
    open: 'コンソールで内容と証跡を確認し、判定してください（画像はこのメールには含めていません）:',
    footer: 'このメールはインシデント通知を「すぐに通知」に設定している方へお送りしています。設定はコンソールの「インシデント」画面で変更できます。',
    digestSubject: (day: string, n: number) => `【Telework Supporter】インシデントのまとめ ${day}（${n}件）`,
    digestIntro: (day: string, n: number) => `${day}（日本時間）に記録されたインシデントは ${n} 件です。`,
    digestLine: (i: AlertIncident) => `・${formatJstDateTime(i.occurredAt).slice(11)} ${i.worker.name}（${i.worker.loginId}） ${INCIDENT_KIND_LABEL.ja[i.kind]}`,
    digestOpen: 'それぞれの内容と証跡はコンソールで確認できます（画像はこのメールには含めていません）。',
    digestFooter: 'このメールはインシデント通知を「1日1回まとめて通知」に設定している方へお送りしています。設定はコンソールの「インシデント」画面で変更できます。',
  },
  en: {
    subject: (i: AlertIncident) => `[Telework Supporter] Incident: ${INCIDENT_KIND_LABEL.en[i.kind]} (${i.worker.name})`,
    greeting: (name: string) => `Dear ${name},`,
    intro: (i: AlertIncident) => `An incident was recorded on the PC of ${i.worker.name} (${i.worker.loginId}).`,
    kind: (i: AlertIncident) => `Kind: ${INCIDENT_KIND_LABEL.en[i.kind]} (faces detected: ${i.faceCount})`,
    at: (i: AlertIncident) => `Occurred: ${formatJstDateTime(i.occurredAt)} (Japan time)`,
    device: (i: AlertIncident) => `PC: ${i.deviceName}`,
    open: 'Review it and its evidence in the console and judge it (no image is included in this mail):',
    footer: 'You receive this mail because your incident alerts are set to "immediately". Change this on the console\u2019s Incidents screen.',
    digestSubject: (day: string, n: number) => `[Telework Supporter] Incident summary ${day} (${n})`,
    digestIntro: (day: string, n: number) => `${n} incident(s) were recorded on ${day} (Japan time).`,
    digestLine: (i: AlertIncident) => `- ${formatJstDateTime(i.occurredAt).slice(11)} ${i.worker.name} (${i.worker.loginId}) ${INCIDENT_KIND_LABEL.en[i.kind]}`,
    digestOpen: 'Review each one and its evidence in the console (no image is included in this mail).',
    digestFooter: 'You receive this mail because your incident alerts are set to "once a day". Change this on the console\u2019s Incidents screen.',
  },
} as const;

/** The immediate alert for one incident, in the recipient's language. */
export function alertMail(lang: Lang, recipientName: string, i: AlertIncident): { subject: string; text: string } {
  const t = TEXT[lang];
  return {
    subject: t.subject(i),
    text: [t.greeting(recipientName), '', t.intro(i), '', t.kind(i), t.at(i), t.device(i), '', t.open, incidentUrl(i.id), '', '--', t.footer].join('\n'),
  };
}

/** The daily digest of one JST day (`day` is YYYY-MM-DD), incidents oldest first. */
export function digestMail(lang: Lang, recipientName: string, day: string, incidents: AlertIncident[]): { subject: string; text: string } {
  const t = TEXT[lang];
  const lines = incidents.flatMap((i) => [t.digestLine(i), `  ${incidentUrl(i.id)}`]);
  return {
    subject: t.digestSubject(day, incidents.length),
    text: [t.greeting(recipientName), '', t.digestIntro(day, incidents.length), '', ...lines, '', t.digestOpen, '', '--', t.digestFooter].join('\n'),
  };
}
